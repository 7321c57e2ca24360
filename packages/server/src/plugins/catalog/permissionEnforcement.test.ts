import { CatalogClient } from '@backstage/catalog-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestPrincipal, type Identity, type Principal } from '../../core/identity';
import { startCatalogApp, writeCatalogFile, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';

/** Who belongs where: the identity gives each caller their user and team refs, as the auth plugin would. */
const TEAMS: Record<string, string[]> = { alice: ['group:default/team-a'], bob: ['group:default/team-b'], root: [] };

/** The caller named by the `x-test-user` header; the guest when absent. */
const headerIdentity: Identity = {
  async resolve(request): Promise<Principal> {
    const who = request.headers['x-test-user'];
    if (typeof who !== 'string') return guestPrincipal;
    const userEntityRef = `user:default/${who}`;
    return { type: 'user', userEntityRef, ownershipEntityRefs: [userEntityRef, ...(TEAMS[who] ?? [])], displayName: who };
  },
};

/** Admins see and do everything; owners may refresh and delete; a Resource is hidden from all but its owners. */
const permission = {
  roles: { admin: ['user:root'] },
  rules: [
    { permissions: ['*'], roles: ['admin'], decision: 'allow' },
    { permissions: ['catalog.entity.refresh', 'catalog.entity.delete'], if: { isEntityOwner: true }, decision: 'allow' },
    {
      permissions: ['catalog.entity.read'],
      if: { allOf: [{ isEntityKind: ['Resource'] }, { not: { isEntityOwner: true } }] },
      decision: 'deny',
    },
    { permissions: ['catalog.entity.read', 'catalog.location.read', 'search.*'], decision: 'allow' },
  ],
};

const entity = (kind: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name },
  spec,
});
const component = (name: string, owner: string, extra: Record<string, unknown> = {}) =>
  entity('Component', name, { type: 'service', lifecycle: 'production', owner, ...extra });
const resource = (name: string, owner: string) => entity('Resource', name, { type: 'database', owner });

const catalog = [
  entity('Group', 'team-a', { type: 'team', children: [] }),
  entity('Group', 'team-b', { type: 'team', children: [] }),
  component('checkout', 'group:team-a', { dependsOn: ['resource:ledger-db', 'resource:orders-db'] }),
  component('payments', 'group:team-b'),
  component('retired-a', 'group:team-a'),
  resource('orders-db', 'group:team-a'),
  resource('orders-cache', 'group:team-a'),
  resource('ledger-db', 'group:team-b'),
  resource('ledger-cache', 'group:team-b'),
  resource('ledger-queue', 'group:team-b'),
];

describe.each(await availableEngines())('the catalog under a permission policy on %s', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startCatalogApp(engine, writeCatalogFile(catalog), { kinds: ['Group', 'Component', 'Resource'], config: { permission }, identity: headerIdentity });
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  const call = async (user: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const res = await app.http.inject({
      method,
      url: `/api/catalog${url}`,
      headers: { 'x-test-user': user },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  const names = (items: Array<{ metadata: { name: string } } | null>) => items.map((e) => e?.metadata.name ?? null);
  const resources = (user: string, query = '') =>
    call(user, 'GET', `/entities/by-query?filter=kind=resource&orderField=metadata.name,asc${query}`);

  it('lists only the resources a caller owns, and counts only those', async () => {
    const alice = await resources('alice');
    expect(names(alice.body.items)).toEqual(['orders-cache', 'orders-db']);
    expect(alice.body.totalItems).toBe(2);
    const bob = await resources('bob');
    expect(names(bob.body.items)).toEqual(['ledger-cache', 'ledger-db', 'ledger-queue']);
    expect(bob.body.totalItems).toBe(3);
    expect((await resources('root')).body.totalItems).toBe(5);
  });

  it('pages through visible entities only: every page full, cursors never reaching a hidden one', async () => {
    const seen: string[] = [];
    let page = await call('alice', 'GET', '/entities/by-query?filter=kind=resource,kind=component&orderField=metadata.name,asc&limit=2');
    expect(page.body.totalItems).toBe(5);
    for (;;) {
      seen.push(...names(page.body.items).map(String));
      if (!page.body.pageInfo.nextCursor) break;
      expect(page.body.items).toHaveLength(2);
      page = await call('alice', 'GET', `/entities/by-query?cursor=${encodeURIComponent(page.body.pageInfo.nextCursor)}&limit=2`);
    }
    expect(seen).toEqual(['checkout', 'orders-cache', 'orders-db', 'payments', 'retired-a']);
  });

  it('filters predicate queries, GET /entities and its offsets the same way', async () => {
    const post = await call('alice', 'POST', '/entities/by-query', {
      query: { kind: 'resource' },
      orderBy: [{ field: 'metadata.name', order: 'asc' }],
    });
    expect(names(post.body.items)).toEqual(['orders-cache', 'orders-db']);
    expect(post.body.totalItems).toBe(2);
    const list = await call('bob', 'GET', '/entities?filter=kind=resource&order=asc:metadata.name&limit=2&offset=1');
    expect(names(list.body)).toEqual(['ledger-db', 'ledger-queue']);
  });

  it('counts facets over visible entities only', async () => {
    const count = (body: { facets: Record<string, Array<{ value: string; count: number }>> }) =>
      Object.fromEntries(body.facets.kind.map((f) => [f.value, f.count]));
    expect(count((await call('alice', 'GET', '/entity-facets?facet=kind')).body)).toMatchObject({ Resource: 2, Component: 3 });
    expect(count((await call('bob', 'GET', '/entity-facets?facet=kind')).body)).toMatchObject({ Resource: 3 });
    expect(count((await call('root', 'POST', '/entity-facets', { facets: ['kind'] })).body)).toMatchObject({ Resource: 5 });
  });

  it('answers a hidden entity as absent: by name, by uid, ancestry, and null among refs', async () => {
    expect((await call('alice', 'GET', '/entities/by-name/resource/default/ledger-db')).status).toBe(404);
    const owned = await call('bob', 'GET', '/entities/by-name/resource/default/ledger-db');
    expect(owned.status).toBe(200);
    expect((await call('alice', 'GET', `/entities/by-uid/${owned.body.metadata.uid}`)).status).toBe(404);
    expect((await call('alice', 'GET', '/entities/by-name/resource/default/ledger-db/ancestry')).status).toBe(404);
    expect((await call('alice', 'GET', '/locations/by-entity/resource/default/ledger-db')).status).toBe(404);
    const refs = await call('alice', 'POST', '/entities/by-refs', {
      entityRefs: ['resource:default/ledger-db', 'resource:default/orders-db'],
    });
    expect(names(refs.body.items)).toEqual([null, 'orders-db']);
  });

  it('leaves hidden entities out of the relation graph', async () => {
    const nodes = async (user: string) =>
      ((await call(user, 'GET', '/graph?root=component:default/checkout&depth=2')).body.nodes as Array<{ entityRef: string }>)
        .map((n) => n.entityRef)
        .sort();
    expect(await nodes('alice')).not.toContain('resource:default/ledger-db');
    expect(await nodes('alice')).toContain('resource:default/orders-db');
    expect(await nodes('root')).toContain('resource:default/ledger-db');
    expect((await call('alice', 'GET', '/graph?root=resource:default/ledger-db')).status).toBe(404);
  });

  it('lets owners refresh their entity; another user gets 403 with a message', async () => {
    expect((await call('alice', 'POST', '/refresh?wait=true', { entityRef: 'component:default/checkout' })).status).toBe(200);
    const refused = await call('alice', 'POST', '/refresh', { entityRef: 'component:default/payments' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/alice may not catalog\.entity\.refresh on component:default\/payments/);
    // A hidden entity is not even acknowledged.
    expect((await call('alice', 'POST', '/refresh', { entityRef: 'resource:default/ledger-db' })).status).toBe(404);
  });

  it('lets owners delete their entity; another user gets 403 and the entity is still there', async () => {
    const payments = (await call('bob', 'GET', '/entities/by-name/component/default/payments')).body;
    const refused = await call('alice', 'DELETE', `/entities/by-uid/${payments.metadata.uid}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/may not catalog\.entity\.delete on component:default\/payments/);
    expect((await call('bob', 'GET', '/entities/by-name/component/default/payments')).status).toBe(200);

    const retired = (await call('alice', 'GET', '/entities/by-name/component/default/retired-a')).body;
    expect((await call('alice', 'DELETE', `/entities/by-uid/${retired.metadata.uid}`)).status).toBe(204);
    expect((await call('alice', 'GET', '/entities/by-name/component/default/retired-a')).status).toBe(404);
  });

  it("Backstage's catalog client sees the same", async () => {
    const base = await app.listen();
    const clientFor = (user: string) =>
      new CatalogClient({
        discoveryApi: { getBaseUrl: async () => `${base}/api/catalog` },
        fetchApi: {
          fetch: (input, init) => {
            const headers = new Headers(init?.headers);
            headers.set('x-test-user', user);
            return fetch(input, { ...init, headers });
          },
        },
      });
    const alice = clientFor('alice');
    const { items, totalItems } = await alice.queryEntities({
      filter: { kind: 'Resource' },
      orderFields: { field: 'metadata.name', order: 'asc' },
    });
    expect(names(items)).toEqual(['orders-cache', 'orders-db']);
    expect(totalItems).toBe(2);
    expect(await alice.getEntityByRef('resource:default/ledger-db')).toBeUndefined();
    expect(await clientFor('bob').getEntityByRef('resource:default/ledger-db')).toBeDefined();
    const facets = await alice.getEntityFacets({ facets: ['kind'] });
    expect(facets.facets.kind.find((f) => f.value === 'Resource')?.count).toBe(2);
  });
});
