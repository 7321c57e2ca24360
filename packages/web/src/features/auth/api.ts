import type { AccessToken } from '@greenroom/model';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/http';

// The sign-in API of the server's auth plugin (/api/auth).

export interface SessionUser {
  entityRef: string;
  displayName: string;
  email?: string;
  picture?: string;
  /** The user plus every group they belong to. */
  ownershipEntityRefs: string[];
}

export interface Session {
  signedIn: boolean;
  guest: boolean;
  user?: SessionUser;
  csrfToken: string;
  expiresAt?: string;
}

export interface Providers {
  guest: boolean;
  providers: Array<{ id: string; title: string }>;
}

export type { AccessToken };

export interface CreatedToken extends AccessToken {
  /** The secret itself: the server keeps only its hash, so this is the one time it can be shown. */
  token: string;
}

export const sessionKey = ['auth', 'session'] as const;
export const tokensKey = ['auth', 'tokens'] as const;

export const getSession = () => apiFetch<Session>('/api/auth/session');
export const getProviders = () => apiFetch<Providers>('/api/auth/providers');
export const logout = () => apiFetch<void>('/api/auth/logout', { method: 'POST' });

/** Where a provider's sign-in starts; the server sends the browser back to `redirect` afterwards. */
export function providerStartUrl(providerId: string, redirect: string): string {
  return `/api/auth/${encodeURIComponent(providerId)}/start?redirect=${encodeURIComponent(redirect)}`;
}

export const listTokens = () => apiFetch<{ items: AccessToken[] }>('/api/auth/tokens');
export const createToken = (input: { name: string; scopes: string[]; expiresInDays: number }) =>
  apiFetch<CreatedToken>('/api/auth/tokens', { method: 'POST', json: input });
export const revokeToken = (id: string) => apiFetch<void>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** The current session; asked once per page load (signing in or out reloads the page). */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: getSession, staleTime: Infinity });
}

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: listTokens });
}
