import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { mockApi } from '../../testing/renderWithApp';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the portal with guest mode off', () => {
  it('shows the sign-in page, outside the portal shell, for any page a signed-out visitor opens', async () => {
    window.history.replaceState(null, '', '/catalog?kind=api');
    mockApi({
      'GET /api/auth/session': { signedIn: false, guest: false, csrfToken: 'c' },
      'GET /api/auth/providers': { guest: false, providers: [{ id: 'oidc', title: 'Northwind SSO' }] },
    });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Sign in to Greenroom' })).toBeInTheDocument();
    await vi.waitFor(() => expect(window.location.pathname + window.location.search).toBe('/signin?redirect=%2Fcatalog%3Fkind%3Dapi'));
    expect(await screen.findByRole('link', { name: 'Sign in with Northwind SSO' })).toHaveAttribute(
      'href',
      '/api/auth/oidc/start?redirect=%2Fcatalog%3Fkind%3Dapi',
    );
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('shows the portal with the user in the header once signed in', async () => {
    window.history.replaceState(null, '', '/settings');
    mockApi({
      'GET /api/auth/session': {
        signedIn: true,
        guest: false,
        csrfToken: 'c',
        user: { entityRef: 'user:default/noah.kowalski', displayName: 'Noah Kowalski', ownershipEntityRefs: [] },
      },
    });
    render(<App />);
    expect(await screen.findByRole('button', { name: 'Account of Noah Kowalski' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
