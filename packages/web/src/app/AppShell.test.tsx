import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../testing/renderWithApp';
import { AUDIT_READ_PERMISSION } from '../features/audit/api';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { Route, Routes } from 'react-router';

/** The shell around the not-found page, at an address no feature serves. */
const renderShell = () =>
  renderWithApp(
    <Routes>
      <Route element={<AppShell />}>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>,
    { url: '/no/such/page' },
  );

describe('AppShell', () => {
  it('shows a clear page for an unknown address, and the navigation of every feature behind the menu', async () => {
    mockApi({});
    renderShell();
    expect(await screen.findByText('There is no page at this address')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Search Greenroom' })).toBeInTheDocument();
    // jsdom has no wide screen: the navigation sits behind the menu button, as on a tablet.
    await userEvent.click(screen.getByRole('button', { name: 'Open navigation' }));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    for (const title of ['Home', 'Catalog', 'Register', 'Docs', 'Create', 'Search', 'Settings']) {
      expect(nav).toHaveTextContent(title);
    }
  });

  it.each([
    ['ALLOW', true],
    ['CONDITIONAL', true],
    ['DENY', false],
  ])('shows a navigation entry behind a permission when the server answers %s: %s', async (result, shown) => {
    const { calls } = mockApi({
      'POST /api/permission/authorize': (_url: URL, init: RequestInit | undefined) => {
        const { items } = JSON.parse(String(init?.body)) as { items: Array<{ id: string; permission: string }> };
        return { items: items.map(({ id, permission }) => ({ id, result: permission === AUDIT_READ_PERMISSION ? result : 'ALLOW' })) };
      },
    });
    renderShell();
    await userEvent.click(await screen.findByRole('button', { name: 'Open navigation' }));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    if (shown) await expect.poll(() => nav.textContent).toContain('Audit log');
    else {
      await expect.poll(() => calls.some((call) => call.url.pathname === '/api/permission/authorize')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(nav).not.toHaveTextContent('Audit log');
    }
  });
});
