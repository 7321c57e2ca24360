import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestPrincipal, type Identity, type Principal } from '../../core/identity';
import { createTestApp, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';

/** The caller named by the `x-test-user` header: a user ref, `service` (no user), or the guest when absent. */
const headerIdentity: Identity = {
  async resolve(request): Promise<Principal> {
    const who = request.headers['x-test-user'];
    if (typeof who !== 'string') return guestPrincipal;
    if (who === 'service') return { type: 'service', ownershipEntityRefs: [], displayName: 'ci-bot' };
    return { type: 'user', userEntityRef: who, ownershipEntityRefs: [who], displayName: who };
  },
};

const starred = '/api/user-settings/buckets/starredEntities/keys/entityRefs';

describe.each(await availableEngines())('user settings on %s', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(engine, {}, { identity: headerIdentity });
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  const call = async (method: 'GET' | 'PUT' | 'DELETE', url: string, options: { payload?: unknown; user?: string } = {}) => {
    const res = await app.http.inject({
      method,
      url,
      ...(options.payload === undefined ? {} : { payload: options.payload as object }),
      headers: options.user ? { 'x-test-user': options.user } : {},
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };

  it('answers 404 NotFoundError for a setting never set', async () => {
    const res = await call('GET', '/api/user-settings/buckets/never/keys/set');
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('stores starred entities and gives them back in Backstage shape', async () => {
    const value = ['component:default/foo', 'api:default/bar'];
    const put = await call('PUT', starred, { payload: { value } });
    expect(put).toEqual({ status: 200, body: { bucket: 'starredEntities', key: 'entityRefs', value } });
    const got = await call('GET', starred);
    expect(got).toEqual({ status: 200, body: { bucket: 'starredEntities', key: 'entityRefs', value } });
  });

  it('round-trips any JSON value, null included', async () => {
    const value = { theme: 'dark', sizes: [1, 2.5], nested: { on: true, none: null } };
    await call('PUT', '/api/user-settings/buckets/ui/keys/prefs', { payload: { value } });
    expect((await call('GET', '/api/user-settings/buckets/ui/keys/prefs')).body.value).toEqual(value);
    await call('PUT', '/api/user-settings/buckets/ui/keys/nothing', { payload: { value: null } });
    expect(await call('GET', '/api/user-settings/buckets/ui/keys/nothing')).toEqual({
      status: 200,
      body: { bucket: 'ui', key: 'nothing', value: null },
    });
  });

  it('overwrites a value on a second PUT', async () => {
    const url = '/api/user-settings/buckets/ui/keys/sidebar';
    await call('PUT', url, { payload: { value: 'open' } });
    await call('PUT', url, { payload: { value: 'pinned' } });
    expect((await call('GET', url)).body.value).toBe('pinned');
  });

  it('deletes a value (204), after which it is unset again', async () => {
    const url = '/api/user-settings/buckets/ui/keys/temporary';
    await call('PUT', url, { payload: { value: 1 } });
    expect((await call('DELETE', url)).status).toBe(204);
    expect((await call('GET', url)).status).toBe(404);
    // Deleting what is already gone is not an error.
    expect((await call('DELETE', url)).status).toBe(204);
  });

  it('rejects a bucket or key outside [A-Za-z0-9._-]{1,128} with 400 naming the field', async () => {
    const badBucket = await call('GET', '/api/user-settings/buckets/star%20red/keys/entityRefs');
    expect(badBucket.status).toBe(400);
    expect(badBucket.body.error).toMatchObject({ name: 'InputError', message: expect.stringMatching(/^bucket: /) });
    const badKey = await call('PUT', `/api/user-settings/buckets/ui/keys/${'k'.repeat(129)}`, { payload: { value: 1 } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/^key: /);
    expect((await call('GET', `/api/user-settings/buckets/ui/keys/${'k'.repeat(129)}`)).status).toBe(400);
  });

  it('rejects a PUT without a value', async () => {
    const res = await call('PUT', '/api/user-settings/buckets/ui/keys/empty', { payload: { other: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/value/);
  });

  it('rejects a value over 64 KiB of JSON with 400 naming the limit, and keeps the old value', async () => {
    const url = '/api/user-settings/buckets/ui/keys/big';
    await call('PUT', url, { payload: { value: 'small' } });
    // 64 KiB of characters plus the two quotes of the JSON string: just over.
    const res = await call('PUT', url, { payload: { value: 'x'.repeat(64 * 1024) } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/64 KiB/);
    expect((await call('GET', url)).body.value).toBe('small');
    const justUnder = 'x'.repeat(64 * 1024 - 2);
    expect((await call('PUT', url, { payload: { value: justUnder } })).status).toBe(200);
  });

  it('lists a whole bucket, empty (200) before anything is set', async () => {
    const user = 'user:default/lister';
    expect(await call('GET', '/api/user-settings/buckets/starredEntities', { user })).toEqual({
      status: 200,
      body: { bucket: 'starredEntities', items: [] },
    });
    await call('PUT', starred, { user, payload: { value: ['api:default/orders'] } });
    await call('PUT', '/api/user-settings/buckets/other/keys/x', { user, payload: { value: 1 } });
    expect((await call('GET', '/api/user-settings/buckets/starredEntities', { user })).body).toEqual({
      bucket: 'starredEntities',
      items: [{ key: 'entityRefs', value: ['api:default/orders'] }],
    });
    expect((await call('GET', '/api/user-settings/buckets/starredEntities', { user: 'user:default/someone-else' })).body.items).toEqual([]);
    expect((await call('GET', '/api/user-settings/buckets/bad%20name')).status).toBe(400);
  });

  it('keeps each user to their own settings', async () => {
    const url = '/api/user-settings/buckets/starredEntities/keys/entityRefs';
    await call('PUT', url, { user: 'user:default/alice', payload: { value: ['component:default/alice-svc'] } });
    await call('PUT', url, { user: 'user:default/bob', payload: { value: ['component:default/bob-svc'] } });
    expect((await call('GET', url, { user: 'user:default/alice' })).body.value).toEqual(['component:default/alice-svc']);
    expect((await call('GET', url, { user: 'user:default/bob' })).body.value).toEqual(['component:default/bob-svc']);
    await call('DELETE', url, { user: 'user:default/bob' });
    expect((await call('GET', url, { user: 'user:default/bob' })).status).toBe(404);
    expect((await call('GET', url, { user: 'user:default/alice' })).body.value).toEqual(['component:default/alice-svc']);
    expect((await call('GET', '/api/user-settings/buckets/ui/keys/prefs', { user: 'user:default/carol' })).status).toBe(404);
  });

  it('refuses a caller that is not a user with 403 NotAllowedError', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await call(method, starred, { user: 'service', ...(method === 'PUT' ? { payload: { value: [] } } : {}) });
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
  });
});
