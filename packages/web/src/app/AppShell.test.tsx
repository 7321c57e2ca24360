import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../testing/renderWithApp';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { Route, Routes } from 'react-router';

describe('AppShell', () => {
  it('shows a clear page for an unknown address, and the navigation of every feature behind the menu', async () => {
    mockApi({});
    renderWithApp(
      <Routes>
        <Route element={<AppShell />}>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>,
      { url: '/no/such/page' },
    );
    expect(await screen.findByText('There is no page at this address')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Search Greenroom' })).toBeInTheDocument();
    // jsdom has no wide screen: the navigation sits behind the menu button, as on a tablet.
    await userEvent.click(screen.getByRole('button', { name: 'Open navigation' }));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    for (const title of ['Home', 'Catalog', 'Register', 'Docs', 'Create', 'Search', 'Settings']) {
      expect(nav).toHaveTextContent(title);
    }
  });
});
