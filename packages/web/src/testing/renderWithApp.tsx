import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { features } from '../app/features';
import { FeaturesContext } from '../app/FeaturesContext';
import { ThemePreferenceProvider } from '../app/ThemePreference';

/** Renders UI inside the portal's providers at `url`; `location()` tells where navigation ended up. */
export function renderWithApp(ui: ReactNode, { url = '/', path = '*' }: { url?: string; path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  let current = { pathname: '', search: '' };
  function LocationProbe() {
    const location = useLocation();
    current = { pathname: location.pathname, search: location.search };
    return null;
  }
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ThemePreferenceProvider>
        <FeaturesContext.Provider value={features}>
          <MemoryRouter initialEntries={[url]}>
            <LocationProbe />
            <Routes>
              <Route path={path} element={ui} />
            </Routes>
          </MemoryRouter>
        </FeaturesContext.Provider>
      </ThemePreferenceProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, location: () => current };
}

type Handler = (url: URL, init: RequestInit | undefined) => unknown;

/**
 * Replaces fetch with answers keyed by `METHOD /path` (query string ignored); a handler may return
 * `{ status, body }` via `respond`. Every request is recorded for assertions, except permission checks
 * the test did not mock (they answer ALLOW). Unknown routes answer 404.
 */
export function mockApi(routes: Record<string, Handler | unknown>) {
  const calls: Array<{ method: string; url: URL; body?: unknown; headers: Headers }> = [];
  const fetchMock = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const key = `${method} ${url.pathname}`;
    if (key in routes || !(key in allowEverything)) calls.push({ method, url, body, headers: new Headers(init?.headers) });
    const route = ({ ...allowEverything, ...routes } as Record<string, Handler | unknown>)[key];
    if (route === undefined)
      return jsonResponse(404, { error: { name: 'NotFoundError', message: `No mock for ${method} ${url.pathname}` } });
    const answer = typeof route === 'function' ? (route as Handler)(url, init) : route;
    if (answer instanceof MockResponse) return jsonResponse(answer.status, answer.body);
    return jsonResponse(200, answer);
  };
  globalThis.fetch = fetchMock as typeof fetch;
  return { calls };
}

/** The authorize endpoint answering DENY for the named permissions and ALLOW for the rest. */
export function permissionsApi(denied: string[]) {
  return {
    'POST /api/permission/authorize': (_url: URL, init: RequestInit | undefined) => {
      const { items } = JSON.parse(String(init?.body)) as { items: Array<{ id: string; permission: string }> };
      return { items: items.map(({ id, permission }) => ({ id, result: denied.includes(permission) ? 'DENY' : 'ALLOW' })) };
    },
  };
}

/** Permission checks answer ALLOW unless a test says otherwise (see `permissionsApi`), like the server's default policy. */
const allowEverything = permissionsApi([]);

class MockResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export const respond = (status: number, body?: unknown) => new MockResponse(status, body);

function jsonResponse(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The mock answer for the user's starred entities (the user-settings bucket read by useStarredEntities). */
export function starredApi(entityRefs: string[]) {
  return {
    'GET /api/user-settings/buckets/starredEntities': { bucket: 'starredEntities', items: [{ key: 'entityRefs', value: entityRefs }] },
  };
}
