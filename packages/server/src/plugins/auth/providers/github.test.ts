import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/app';
import { closeTestDatabases } from '../../../testing/databases';

/**
 * A stand-in for GitHub's OAuth and REST endpoints on loopback: it hands out one code for the
 * login `octo-noah`, checks the client secret and PKCE verifier are sent, and answers the profile.
 */
async function startGithubStandIn() {
  const seen: { tokenRequest?: Record<string, string> } = {};
  const server = http.createServer((request, response) => {
    const url = new URL(request.url!, 'http://x');
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/login/oauth/access_token') {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        seen.tokenRequest = JSON.parse(raw);
        const ok =
          seen.tokenRequest!.code === 'good-code' && seen.tokenRequest!.client_secret === 'gh-secret' && seen.tokenRequest!.code_verifier;
        json(
          200,
          ok
            ? { access_token: 'gho_standin', token_type: 'bearer' }
            : { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' },
        );
      });
      return;
    }
    if (request.headers.authorization !== 'token gho_standin') return json(401, { message: 'Bad credentials' });
    if (url.pathname === '/api/v3/user')
      return json(200, { login: 'octo-noah', id: 42, name: 'Noah on GitHub', avatar_url: 'https://avatars.example/42' });
    if (url.pathname === '/api/v3/user/emails') return json(200, [{ email: 'noah@users.noreply.example', primary: true, verified: true }]);
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('GitHub sign-in', () => {
  let app: TestApp;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;

  beforeAll(async () => {
    github = await startGithubStandIn();
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-github-'));
    const noah = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'noah', annotations: { 'github.com/user-login': 'octo-noah' } },
      spec: { profile: { displayName: 'Noah Kowalski' }, memberOf: [] },
    };
    writeFileSync(path.join(root, 'users.yaml'), stringify(noah));
    app = await createTestApp(
      'sqlite',
      {
        server: { baseUrl: 'http://127.0.0.1:7999' },
        catalog: { rules: [{ allow: ['User'] }], locations: [{ type: 'file', target: './users.yaml' }] },
        auth: {
          guest: true,
          providers: {
            github: { clientId: 'gh-client', clientSecret: 'gh-secret', baseUrl: github.base, apiBaseUrl: `${github.base}/api/v3` },
          },
          signIn: { resolvers: [{ match: 'annotation', annotation: 'github.com/user-login', claim: 'login' }] },
        },
      },
      { rootDir: root },
    );
    await app.start();
    for (let i = 0; i < 200; i++) {
      const users = await app.http.inject({ method: 'GET', url: '/api/catalog/entities?filter=kind=user' });
      if (users.json().length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  afterAll(async () => {
    await app?.close();
    await github?.close();
    await closeTestDatabases();
  });

  it('signs in through the GitHub OAuth web flow as the user whose annotation names the login', async () => {
    const start = await app.http.inject({ method: 'GET', url: '/api/auth/github/start?redirect=/catalog' });
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin + authorize.pathname).toBe(`${github.base}/login/oauth/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe('gh-client');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const state = authorize.searchParams.get('state')!;
    const transaction = Object.fromEntries(start.cookies.map((c) => [c.name, c.value]));

    const callback = await app.http.inject({
      method: 'GET',
      url: `/api/auth/github/callback?code=good-code&state=${state}`,
      cookies: transaction,
    });
    expect(callback.headers.location).toBe('/catalog');
    expect(github.seen.tokenRequest).toMatchObject({
      client_id: 'gh-client',
      redirect_uri: 'http://127.0.0.1:7999/api/auth/github/callback',
    });
    const cookies = Object.fromEntries(callback.cookies.map((c) => [c.name, c.value]));
    const session = (await app.http.inject({ method: 'GET', url: '/api/auth/session', cookies })).json();
    expect(session.user).toMatchObject({
      entityRef: 'user:default/noah',
      displayName: 'Noah Kowalski',
      picture: 'https://avatars.example/42',
    });
  });

  it('refuses a callback whose state is not the one it sent, and says why', async () => {
    const start = await app.http.inject({ method: 'GET', url: '/api/auth/github/start' });
    const transaction = Object.fromEntries(start.cookies.map((c) => [c.name, c.value]));
    const callback = await app.http.inject({
      method: 'GET',
      url: '/api/auth/github/callback?code=good-code&state=other',
      cookies: transaction,
    });
    expect(decodeURIComponent(callback.headers.location as string)).toContain('state mismatch');
  });

  it('passes on GitHub refusing the code', async () => {
    const start = await app.http.inject({ method: 'GET', url: '/api/auth/github/start' });
    const state = new URL(start.headers.location as string).searchParams.get('state');
    const transaction = Object.fromEntries(start.cookies.map((c) => [c.name, c.value]));
    const callback = await app.http.inject({
      method: 'GET',
      url: `/api/auth/github/callback?code=stale&state=${state}`,
      cookies: transaction,
    });
    expect(decodeURIComponent(callback.headers.location as string)).toContain('The code passed is incorrect or expired.');
  });
});
