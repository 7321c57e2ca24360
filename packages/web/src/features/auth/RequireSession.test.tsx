import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import { RequireSession } from './RequireSession';

const page = (
  <RequireSession>
    <p>Catalog content</p>
  </RequireSession>
);

describe('RequireSession', () => {
  it('sends a signed-out visitor to the sign-in page when guest mode is off, remembering the page', async () => {
    mockApi({ 'GET /api/auth/session': { signedIn: false, guest: false, csrfToken: 'c' } });
    const { location } = renderWithApp(page, { url: '/catalog?kind=api', path: '/catalog' });
    await vi.waitFor(() => expect(location()).toEqual({ pathname: '/signin', search: '?redirect=%2Fcatalog%3Fkind%3Dapi' }));
    expect(screen.queryByText('Catalog content')).not.toBeInTheDocument();
  });

  it('shows the portal to a guest in guest mode and to a signed-in user', async () => {
    mockApi({ 'GET /api/auth/session': { signedIn: false, guest: true, csrfToken: 'c' } });
    renderWithApp(page, { url: '/catalog' });
    expect(await screen.findByText('Catalog content')).toBeInTheDocument();
  });
});
