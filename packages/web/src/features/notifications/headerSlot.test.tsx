import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Route, Routes } from 'react-router';
import { AppShell } from '../../app/AppShell';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';

describe('notifications in the portal header', () => {
  it('puts the bell with its unread count in the header of every page', async () => {
    mockApi({ 'GET /api/notifications': { notifications: [], unreadCount: 4 } });
    renderWithApp(
      <Routes>
        <Route element={<AppShell />}>
          <Route path="*" element={<p>Some page</p>} />
        </Route>
      </Routes>,
    );
    const header = screen.getByRole('banner');
    expect(await within(header).findByRole('button', { name: 'Notifications, 4 unread' })).toHaveTextContent('4');
  });
});
