import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import SignInPage from './SignInPage';

const signedOut = { signedIn: false, guest: false, csrfToken: 'c' };

describe('SignInPage', () => {
  it('offers each provider, starting its flow with the way back to where the user was', async () => {
    mockApi({
      'GET /api/auth/session': signedOut,
      'GET /api/auth/providers': {
        guest: false,
        providers: [
          { id: 'oidc', title: 'Acme SSO' },
          { id: 'github', title: 'GitHub' },
        ],
      },
    });
    renderWithApp(<SignInPage />, { url: '/signin?redirect=%2Fcatalog%3Fkind%3Dapi' });
    expect(await screen.findByRole('link', { name: 'Sign in with Acme SSO' })).toHaveAttribute(
      'href',
      '/api/auth/oidc/start?redirect=%2Fcatalog%3Fkind%3Dapi',
    );
    expect(screen.getByRole('link', { name: 'Sign in with GitHub' })).toHaveAttribute(
      'href',
      '/api/auth/github/start?redirect=%2Fcatalog%3Fkind%3Dapi',
    );
    expect(screen.queryByRole('link', { name: 'Continue as guest' })).not.toBeInTheDocument();
  });

  it('shows why the last attempt failed, and never sends the user on to another site', async () => {
    mockApi({
      'GET /api/auth/session': signedOut,
      'GET /api/auth/providers': { guest: false, providers: [{ id: 'oidc', title: 'Acme SSO' }] },
    });
    renderWithApp(<SignInPage />, { url: '/signin?error=No%20catalog%20user%20has%20this%20email&redirect=%2F%2Fevil.example' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-in failed: No catalog user has this email');
    expect(await screen.findByRole('link', { name: 'Sign in with Acme SSO' })).toHaveAttribute('href', '/api/auth/oidc/start?redirect=%2F');
  });

  it('lets a guest continue without signing in when guest mode is on', async () => {
    mockApi({ 'GET /api/auth/session': { ...signedOut, guest: true }, 'GET /api/auth/providers': { guest: true, providers: [] } });
    renderWithApp(<SignInPage />, { url: '/signin?redirect=%2Fdocs' });
    expect(await screen.findByRole('link', { name: 'Continue as guest' })).toHaveAttribute('href', '/docs');
  });

  it('sends someone already signed in straight on', async () => {
    mockApi({
      'GET /api/auth/session': {
        signedIn: true,
        guest: false,
        csrfToken: 'c',
        user: { entityRef: 'user:default/jane', displayName: 'Jane', ownershipEntityRefs: [] },
      },
      'GET /api/auth/providers': { guest: false, providers: [] },
    });
    const { location } = renderWithApp(<SignInPage />, { url: '/signin?redirect=%2Fdocs', path: '/signin' });
    await vi.waitFor(() => expect(location().pathname).toBe('/docs'));
  });
});
