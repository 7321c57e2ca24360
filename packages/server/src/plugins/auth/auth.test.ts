import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { startLoopbackProvider, type LoopbackProvider } from '../../testing/oidcProvider';
import { signInWithOidc } from '../../testing/oidcSignIn';

const BASE_URL = 'http://127.0.0.1:7999';
const SERVICE_TOKEN = 'ci-token-for-tests-0123456789abcdef';

const entity = (kind: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name },
  spec,
});

/** platform ⊃ payments; noah is in payments, with an email the provider knows; rosa is in the catalog but not the provider. */
function writeCatalog(root: string): void {
  const docs = [
    entity('Group', 'platform', { type: 'department', children: [] }),
    entity('Group', 'payments', { type: 'team', parent: 'platform', children: [] }),
    entity('User', 'noah', { profile: { email: 'noah@example.com', displayName: 'Noah Kowalski' }, memberOf: ['payments'] }),
    entity('User', 'rosa', { profile: { email: 'rosa@example.com' }, memberOf: [] }),
    entity('Component', 'ledger', { type: 'service', lifecycle: 'production', owner: 'payments' }),
  ];
  writeFileSync(path.join(root, 'catalog-info.yaml'), docs.map((d) => stringify(d)).join('---\n'));
}

const engines = await availableEngines();

describe.each(engines)('sign-in, sessions and tokens (%s)', (engine) => {
  let app: TestApp;
  let provider: LoopbackProvider;
  const service = { authorization: `Bearer ${SERVICE_TOKEN}` };

  beforeAll(async () => {
    provider = await startLoopbackProvider({
      redirectUris: [`${BASE_URL}/api/auth/oidc/callback`],
      users: [
        { login: 'noah', email: 'noah@example.com', name: 'Noah from SSO' },
        { login: 'stranger', email: 'stranger@example.com', name: 'Not in the catalog' },
      ],
    });
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-auth-'));
    writeCatalog(root);
    app = await createTestApp(
      engine,
      {
        server: { baseUrl: BASE_URL },
        catalog: { rules: [{ allow: ['Component', 'User', 'Group'] }], locations: [{ type: 'file', target: './catalog-info.yaml' }] },
        auth: {
          providers: { oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret } },
          signIn: { resolvers: [{ match: 'email' }] },
          tokens: [{ name: 'ci', sha256: createHash('sha256').update(SERVICE_TOKEN).digest('hex'), scopes: ['catalog:read'] }],
          signInRateLimit: 20,
        },
      },
      { rootDir: root },
    );
    await app.start();
    await waitForIngestion(app, 20_000, service);
  });

  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await closeTestDatabases();
  });

  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    options: { cookies?: Record<string, string>; headers?: Record<string, string>; json?: unknown } = {},
  ) => app.http.inject({ method, url, cookies: options.cookies, headers: options.headers, payload: options.json as object | undefined });

  it('has guest mode off once a provider is configured: no credentials is a 401 on the API, and the portal is told', async () => {
    expect((await call('GET', '/api/catalog/entities')).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/providers')).json()).toEqual({
      guest: false,
      providers: [{ id: 'oidc', title: 'OpenID Connect' }],
    });
    expect((await call('GET', '/api/auth/session')).json()).toMatchObject({ signedIn: false, guest: false });
  });

  it('signs in through the OpenID Connect provider as the catalog user, with groups and parent groups, back where it started', async () => {
    const { cookies, location } = await signInWithOidc(app, 'noah', '/docs?x=1');
    expect(location).toBe('/docs?x=1');
    expect(cookies.greenroom_session).toBeTruthy();
    const session = (await call('GET', '/api/auth/session', { cookies })).json();
    expect(session).toMatchObject({ signedIn: true, guest: false, user: { entityRef: 'user:default/noah', displayName: 'Noah Kowalski' } });
    expect(session.user.ownershipEntityRefs.sort()).toEqual(['group:default/payments', 'group:default/platform', 'user:default/noah']);
    expect(session.csrfToken).toBe(cookies.greenroom_csrf);
    expect((await call('GET', '/api/catalog/entities', { cookies })).statusCode).toBe(200);
  });

  it('refuses someone the provider knows but the catalog does not, saying why', async () => {
    const { cookies, location } = await signInWithOidc(app, 'stranger');
    expect(location).toMatch(/^\/signin\?error=/);
    expect(decodeURIComponent(location)).toContain('No user in the catalog matches you (email stranger@example.com)');
    expect(cookies.greenroom_session).toBeUndefined();
  });

  it('refuses a callback without the browser that started the sign-in (no transaction cookie, forged state)', async () => {
    const forged = await call('GET', '/api/auth/oidc/callback?code=abc&state=forged');
    expect(forged.statusCode).toBe(302);
    expect(decodeURIComponent(forged.headers.location as string)).toContain('took too long or was started in another browser');
    const tampered = await call('GET', '/api/auth/oidc/callback?code=abc&state=forged', {
      cookies: { greenroom_signin: '{"provider":"oidc"}' },
    });
    expect(tampered.headers.location).toMatch(/^\/signin\?error=/);
  });

  it('answers a forged or expired session with 401, and logout ends the session on the server', async () => {
    expect((await call('GET', '/api/catalog/entities', { cookies: { greenroom_session: 'forged-session-id' } })).statusCode).toBe(401);

    const { cookies } = await signInWithOidc(app, 'noah');
    await app.database.db
      .updateTable('auth_sessions' as never)
      .set({ idle_expires_at: new Date(Date.now() - 1000).toISOString() } as never)
      .execute();
    expect((await call('GET', '/api/catalog/entities', { cookies })).statusCode).toBe(401);

    const second = await signInWithOidc(app, 'noah');
    const csrf = { 'x-csrf-token': second.cookies.greenroom_csrf };
    expect((await call('POST', '/api/auth/logout', { cookies: second.cookies, headers: csrf })).statusCode).toBe(204);
    expect((await call('GET', '/api/catalog/entities', { cookies: second.cookies })).statusCode).toBe(401);
  });

  it('refuses a state-changing request made with the session cookie but without its CSRF token', async () => {
    const { cookies } = await signInWithOidc(app, 'noah');
    const body = { name: 'laptop', scopes: ['catalog:read'], expiresInDays: 7 };
    const without = await call('POST', '/api/auth/tokens', { cookies, json: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.message).toContain('x-csrf-token');
    const wrong = await call('POST', '/api/auth/tokens', { cookies, json: body, headers: { 'x-csrf-token': 'guess' } });
    expect(wrong.statusCode).toBe(403);
    expect((await call('GET', '/api/auth/tokens', { cookies })).json().items).toEqual([]);
    expect(
      (await call('POST', '/api/auth/tokens', { cookies, json: body, headers: { 'x-csrf-token': cookies.greenroom_csrf } })).statusCode,
    ).toBe(201);
  });

  it('lets a user create a scoped personal access token, use it as a bearer token, and revoke it', async () => {
    const { cookies } = await signInWithOidc(app, 'noah');
    const csrf = { 'x-csrf-token': cookies.greenroom_csrf };
    const created = await call('POST', '/api/auth/tokens', {
      cookies,
      headers: csrf,
      json: { name: 'script', scopes: ['catalog:read'], expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^grn_/);
    const raw = JSON.stringify(
      await app.database.db
        .selectFrom('auth_tokens' as never)
        .selectAll()
        .execute(),
    );
    expect(raw).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await call('GET', '/api/catalog/entities?filter=kind=component', { headers: bearer })).json()).toHaveLength(1);
    // A read-only token cannot register locations, whatever its user may do.
    const write = await call('POST', '/api/catalog/locations', {
      headers: bearer,
      json: { type: 'url', target: 'https://example.com/x.yaml' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toContain('scopes');
    // Nor mint more tokens.
    expect(
      (await call('POST', '/api/auth/tokens', { headers: bearer, json: { name: 'x', scopes: ['*'], expiresInDays: 1 } })).statusCode,
    ).toBe(403);

    expect((await call('DELETE', `/api/auth/tokens/${id}`, { cookies, headers: csrf })).statusCode).toBe(204);
    const revoked = await call('GET', '/api/catalog/entities', { headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toContain('unknown, revoked or expired');
  });

  it('accepts service tokens from config (stored as hashes) and refuses unknown ones', async () => {
    expect((await call('GET', '/api/catalog/entities', { headers: service })).statusCode).toBe(200);
    expect((await call('GET', '/api/catalog/entities', { headers: { authorization: 'Bearer not-a-token' } })).statusCode).toBe(401);
    expect((await call('GET', '/api/catalog/entities', { headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await call('GET', '/api/auth/oidc/start')).statusCode);
    expect(statuses).toContain(429);
    const limited = await call('GET', '/api/auth/oidc/start');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toContain('Too many sign-in attempts');
  });
});
