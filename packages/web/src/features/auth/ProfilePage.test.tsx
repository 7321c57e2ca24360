import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, respond, renderWithApp } from '../../testing/renderWithApp';
import ProfilePage from './ProfilePage';

const session = {
  signedIn: true,
  guest: false,
  csrfToken: 'c',
  user: {
    entityRef: 'user:default/jane.doe',
    displayName: 'Jane Doe',
    email: 'jane@acme.example',
    ownershipEntityRefs: ['user:default/jane.doe', 'group:default/payments-team', 'group:default/engineering'],
  },
};
const ciToken = {
  id: 't1',
  name: 'deploy pipeline',
  scopes: ['catalog:read'],
  createdAt: '2026-01-05T10:00:00Z',
  expiresAt: '2026-04-05T10:00:00Z',
  lastUsedAt: '2026-02-01T08:00:00Z',
};

describe('ProfilePage', () => {
  it('shows the user entity and the groups they act for, as links', async () => {
    mockApi({ 'GET /api/auth/session': session, 'GET /api/auth/tokens': { items: [] } });
    renderWithApp(<ProfilePage />, { url: '/settings/profile' });
    expect(await screen.findByRole('heading', { name: 'Jane Doe' })).toBeInTheDocument();
    expect(screen.getByText('jane@acme.example')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'user:jane.doe' })).toHaveAttribute('href', '/catalog/default/user/jane.doe');
    const groups = screen.getByRole('list', { name: 'Groups' });
    expect(within(groups).getByRole('link', { name: 'payments-team' })).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(within(groups).getAllByRole('link')).toHaveLength(2);
    expect(await screen.findByText('You have no tokens.')).toBeInTheDocument();
  });

  it('creates a token and shows its secret once, with a warning and a copy button', async () => {
    const tokens = { items: [] as Array<typeof ciToken> };
    const { calls } = mockApi({
      'GET /api/auth/session': session,
      'GET /api/auth/tokens': () => tokens,
      'POST /api/auth/tokens': () => {
        tokens.items = [{ ...ciToken, id: 't2', name: 'nightly sync', scopes: ['catalog:read', 'catalog:write'] }];
        return respond(201, { ...tokens.items[0], token: 'grt_s3cr3t' });
      },
    });
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    renderWithApp(<ProfilePage />, { url: '/settings/profile' });
    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a personal access token' });
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByText(/Give the token a name/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/Name/), 'nightly sync');
    await user.click(within(dialog).getByLabelText(/catalog:write/));
    await user.click(within(dialog).getByRole('combobox', { name: 'Expires after' }));
    await user.click(await screen.findByRole('option', { name: '90 days' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    expect(await screen.findByText(/Copy your new token “nightly sync” now/)).toBeInTheDocument();
    expect(screen.getByText(/It will not be shown again/)).toBeInTheDocument();
    expect(screen.getByLabelText('New token')).toHaveTextContent('grt_s3cr3t');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'nightly sync',
      scopes: ['catalog:read', 'catalog:write'],
      expiresInDays: 90,
    });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('grt_s3cr3t');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'nightly sync' })).toBeInTheDocument();
  });

  it('lists tokens with their dates and revokes one after confirmation', async () => {
    let tokens = [ciToken];
    const { calls } = mockApi({
      'GET /api/auth/session': session,
      'GET /api/auth/tokens': () => ({ items: tokens }),
      'DELETE /api/auth/tokens/t1': () => {
        tokens = [];
        return respond(204);
      },
    });
    renderWithApp(<ProfilePage />, { url: '/settings/profile' });
    const table = await screen.findByRole('table', { name: 'Your tokens' });
    const row = within(table).getByRole('row', { name: /deploy pipeline/ });
    expect(row).toHaveTextContent(new Date(ciToken.expiresAt).toLocaleDateString());
    expect(row).toHaveTextContent(new Date(ciToken.lastUsedAt).toLocaleDateString());
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke deploy pipeline' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke “deploy pipeline”?' });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('You have no tokens.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE' && c.url.pathname === '/api/auth/tokens/t1')).toBe(true);
  });

  it('tells a guest there is no profile', async () => {
    mockApi({ 'GET /api/auth/session': { signedIn: false, guest: true, csrfToken: 'c' } });
    renderWithApp(<ProfilePage />, { url: '/settings/profile' });
    expect(await screen.findByText(/You are using Greenroom as a guest/)).toBeInTheDocument();
  });
});
