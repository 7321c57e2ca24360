import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullPageLoad } from '../../api/http';
import { mockApi, respond, renderWithApp } from '../../testing/renderWithApp';
import { UserMenu } from './UserMenu';

const jane = {
  signedIn: true,
  guest: false,
  csrfToken: 'c',
  user: {
    entityRef: 'user:default/jane.doe',
    displayName: 'Jane Doe',
    email: 'jane@acme.example',
    ownershipEntityRefs: ['user:default/jane.doe'],
  },
};

afterEach(() => vi.restoreAllMocks());

describe('UserMenu', () => {
  it('shows the signed-in user, links to the profile and signs out to the sign-in page', async () => {
    const go = vi.spyOn(fullPageLoad, 'go').mockImplementation(() => {});
    const { calls } = mockApi({ 'GET /api/auth/session': jane, 'POST /api/auth/logout': respond(204) });
    renderWithApp(<UserMenu />);
    const button = await screen.findByRole('button', { name: 'Account of Jane Doe' });
    expect(button).toHaveTextContent('JDJane Doe');
    await userEvent.click(button);
    expect(screen.getByRole('menuitem', { name: 'Profile' })).toHaveAttribute('href', '/settings/profile');
    expect(screen.getByText('jane@acme.example')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    await vi.waitFor(() => expect(go).toHaveBeenCalledWith('/signin'));
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/auth/logout')).toBe(true);
  });

  it('marks guest mode with a Guest badge that leads to sign-in', async () => {
    mockApi({ 'GET /api/auth/session': { signedIn: false, guest: true, csrfToken: 'c' } });
    renderWithApp(<UserMenu />, { url: '/docs?q=x' });
    const badge = await screen.findByRole('button', { name: /Guest/ });
    await userEvent.click(badge);
    expect(screen.getByRole('menuitem', { name: 'Sign in' })).toHaveAttribute('href', '/signin?redirect=%2Fdocs%3Fq%3Dx');
  });
});
