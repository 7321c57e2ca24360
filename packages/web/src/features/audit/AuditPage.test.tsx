import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppShell } from '../../app/AppShell';
import { mockApi, permissionsApi, renderWithApp } from '../../testing/renderWithApp';
import AuditPage from './AuditPage';

const event = (id: string, action: string, outcome: string) => ({
  id,
  at: '2026-03-01T09:30:00Z',
  actor: { ref: 'user:default/jane.doe', type: 'user', displayName: 'Jane Doe' },
  action,
  resource: 'component:default/payments',
  outcome,
  details: { reason: outcome === 'denied' ? 'not an owner' : undefined },
});

describe('AuditPage', () => {
  it('lists events, filters them through the API and pages with the cursor', async () => {
    const { calls } = mockApi({
      'GET /api/audit/events': (url: URL) => {
        if (url.searchParams.get('cursor') === 'page-2')
          return { items: [{ ...event('3', 'catalog.location.create', 'allowed'), resource: 'location:3f2a' }] };
        if (url.searchParams.get('outcome') === 'denied') return { items: [event('2', 'catalog.entity.delete', 'denied')] };
        return {
          items: [event('1', 'catalog.entity.refresh', 'allowed'), event('2', 'catalog.entity.delete', 'denied')],
          nextCursor: 'page-2',
        };
      },
    });
    const user = userEvent.setup();
    renderWithApp(<AuditPage />, { url: '/admin/audit' });
    const table = await screen.findByRole('table', { name: 'Audit events' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const denied = within(table).getByRole('row', { name: /catalog.entity.delete/ });
    expect(denied).toHaveTextContent('denied');
    expect(denied).toHaveTextContent('not an owner');
    expect(within(denied).getByRole('link', { name: 'Jane Doe' })).toHaveAttribute('href', '/catalog/default/user/jane.doe');
    expect(within(denied).getByRole('link', { name: 'component:payments' })).toHaveAttribute('href', '/catalog/default/component/payments');

    await user.click(screen.getByRole('button', { name: 'Older' }));
    const located = await screen.findByRole('row', { name: /catalog.location.create/ });
    // A location is not an entity: its id is shown, not linked.
    expect(within(located).getByText('location:3f2a').tagName).toBe('CODE');
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByRole('row', { name: /catalog.entity.refresh/ })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Actor'), 'user:default/jane.doe');
    await user.click(screen.getByRole('combobox', { name: 'Outcome' }));
    await user.click(await screen.findByRole('option', { name: 'Denied' }));
    await user.type(screen.getByLabelText('From'), '2026-03-01');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await expect.poll(() => screen.queryAllByRole('row').length).toBe(2);
    const last = calls.filter((c) => c.url.pathname === '/api/audit/events').at(-1)!.url.searchParams;
    expect(last.get('actor')).toBe('user:default/jane.doe');
    expect(last.get('outcome')).toBe('denied');
    expect(last.get('from')).toBe(new Date('2026-03-01T00:00:00').toISOString());
    expect(last.get('cursor')).toBeNull();
  });

  it('tells a non-admin the log is for admins, without asking for it', async () => {
    const { calls } = mockApi({ ...permissionsApi(['audit.events.read']) });
    renderWithApp(<AuditPage />, { url: '/admin/audit' });
    expect(await screen.findByText('Only Greenroom admins may read the audit log.')).toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname === '/api/audit/events')).toBe(false);
  });

  it('shows the navigation entry only to those allowed to read the log', async () => {
    const shell = (
      <Routes>
        <Route element={<AppShell />}>
          <Route path="*" element={<p>page</p>} />
        </Route>
      </Routes>
    );
    const { calls } = mockApi({ ...permissionsApi(['audit.events.read']) });
    const first = renderWithApp(shell);
    await user().click(screen.getByRole('button', { name: 'Open navigation' }));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await expect.poll(() => calls.some((c) => c.url.pathname === '/api/permission/authorize')).toBe(true);
    // Let the DENY answer arrive and render before checking the entry stayed away.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(nav).toHaveTextContent('Settings');
    expect(nav).not.toHaveTextContent('Audit log');
    first.unmount();

    mockApi({});
    renderWithApp(shell);
    await user().click(screen.getByRole('button', { name: 'Open navigation' }));
    expect(await screen.findByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/admin/audit');
  });
});

const user = () => userEvent.setup();
