import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import type { EntityGraphResult } from './query/EntityGraph';

/**
 * A small shop. platform ⊃ {payments-team, web-team};
 * storefront → checkout → {payments → ledger → ghost-db (not in the catalog), checkout-db}; reports → ghost-db;
 * checkout provides checkout-api (consumed by storefront) and consumes payments-api (provided by payments).
 * Some relations are declared from the other side on purpose (dependencyOf, parent) and
 * payments → ledger is declared from both sides.
 */
const FIXTURE = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform }
spec: { type: department, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team, parent: platform, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: web-team }
spec: { type: team, parent: platform, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: web-team, consumesApis: [checkout-api], dependsOn: ['component:checkout'] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout, title: Checkout }
spec:
  type: service
  lifecycle: production
  owner: payments-team
  providesApis: [checkout-api]
  consumesApis: [payments-api]
  dependsOn: ['component:payments']
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: payments-team, providesApis: [payments-api], dependsOn: ['component:ledger'] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: experimental, owner: group:default/platform, dependsOn: ['resource:ghost-db'], dependencyOf: ['component:payments'] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: reports }
spec: { type: service, lifecycle: production, owner: web-team, dependsOn: ['resource:ghost-db'] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: checkout-db }
spec: { type: database, owner: payments-team, dependencyOf: ['component:checkout'] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: checkout-api }
spec: { type: openapi, lifecycle: production, owner: payments-team, definition: 'openapi: 3.0.0' }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: payments-api }
spec: { type: openapi, lifecycle: production, owner: payments-team, definition: 'openapi: 3.0.0' }
`;

describe.each(await availableEngines())('catalog graph on %s', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-graph-'));
    mkdirSync(path.join(root, 'catalog'));
    writeFileSync(path.join(root, 'catalog/shop.yaml'), FIXTURE);
    app = await createTestApp(
      engine,
      {
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Resource', 'Group', 'Location'] }],
          locations: [{ type: 'file', target: './catalog/shop.yaml' }],
          refresh: { intervalSeconds: 0 },
        },
      },
      { rootDir: root },
    );
    await app.start();
    await waitForIngestion(app);
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  const graph = async (query: string) => {
    const res = await app.http.inject({ method: 'GET', url: `/api/catalog/graph?${query}` });
    return { status: res.statusCode, body: res.json() as EntityGraphResult & { error: { name: string; message: string } } };
  };
  const depths = (result: EntityGraphResult) => Object.fromEntries(result.nodes.map((n) => [n.entityRef, n.depth]));
  const edges = (result: EntityGraphResult) => result.edges.map((e) => `${e.source} ${e.type} ${e.target}`).sort();

  it('answers the depth-1 neighbourhood with every relation once, in its primary direction', async () => {
    const { status, body } = await graph('root=component:checkout');
    expect(status).toBe(200);
    expect(body.root).toBe('component:default/checkout');
    expect(body.truncated).toBe(false);
    expect(depths(body)).toEqual({
      'component:default/checkout': 0,
      'api:default/checkout-api': 1,
      'api:default/payments-api': 1,
      'component:default/payments': 1,
      'component:default/storefront': 1,
      'group:default/payments-team': 1,
      'resource:default/checkout-db': 1,
    });
    // Never also `payments-team ownerOf checkout`; checkout-db's own `dependencyOf: checkout` reads as checkout dependsOn it.
    expect(edges(body)).toEqual([
      'component:default/checkout consumesApi api:default/payments-api',
      'component:default/checkout dependsOn component:default/payments',
      'component:default/checkout dependsOn resource:default/checkout-db',
      'component:default/checkout ownedBy group:default/payments-team',
      'component:default/checkout providesApi api:default/checkout-api',
      'component:default/storefront dependsOn component:default/checkout',
    ]);
    expect(body.nodes[0]).toEqual({
      entityRef: 'component:default/checkout',
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
      title: 'Checkout',
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
      depth: 0,
    });
  });

  it('reports a relation declared from both sides as one edge, with the type followed', async () => {
    const { body } = await graph('root=component:default/ledger&relations=dependsOn,dependencyOf');
    expect(edges(body)).toEqual([
      'component:default/ledger dependsOn resource:default/ghost-db',
      'component:default/payments dependsOn component:default/ledger',
    ]);
    // Following only the reverse type reports the edge with that type.
    const reversed = await graph('root=component:default/ledger&relations=dependencyOf&direction=out');
    expect(edges(reversed.body)).toEqual(['component:default/ledger dependencyOf component:default/payments']);
  });

  it('follows a dependsOn chain outwards to the given depth, including relations declared as dependencyOf', async () => {
    const { body } = await graph('root=component:storefront&relations=dependsOn&direction=out&depth=2');
    expect(depths(body)).toEqual({
      'component:default/storefront': 0,
      'component:default/checkout': 1,
      'component:default/payments': 2,
      'resource:default/checkout-db': 2,
    });
    expect(edges(body)).toEqual([
      'component:default/checkout dependsOn component:default/payments',
      'component:default/checkout dependsOn resource:default/checkout-db',
      'component:default/storefront dependsOn component:default/checkout',
    ]);
    const deeper = await graph('root=component:storefront&relations=dependsOn&direction=out&depth=3');
    expect(depths(deeper.body)['component:default/ledger']).toBe(3);
  });

  it('finds the blast radius with direction=in: everything that depends on an entity, transitively', async () => {
    const { body } = await graph('root=component:ledger&relations=dependsOn&direction=in&depth=10');
    expect(depths(body)).toEqual({
      'component:default/ledger': 0,
      'component:default/payments': 1,
      'component:default/checkout': 2,
      'component:default/storefront': 3,
    });
    expect(edges(body)).toEqual([
      'component:default/checkout dependsOn component:default/payments',
      'component:default/payments dependsOn component:default/ledger',
      'component:default/storefront dependsOn component:default/checkout',
    ]);
  });

  it('finds who consumes an API and who depends on them, but not its provider', async () => {
    const { body } = await graph('root=api:payments-api&relations=consumesApi,dependsOn&direction=in&depth=5');
    expect(depths(body)).toEqual({
      'api:default/payments-api': 0,
      'component:default/checkout': 1,
      'component:default/storefront': 2,
    });
    expect(edges(body)).toEqual([
      'component:default/checkout consumesApi api:default/payments-api',
      'component:default/storefront dependsOn component:default/checkout',
    ]);
  });

  it('finds what a department owns through its child teams (relations=parentOf,ownerOf, direction=out)', async () => {
    const { body } = await graph('root=group:platform&relations=parentOf,ownerOf&direction=out&depth=2');
    expect(depths(body)).toEqual({
      'group:default/platform': 0,
      'group:default/payments-team': 1,
      'group:default/web-team': 1,
      'component:default/ledger': 1,
      'api:default/checkout-api': 2,
      'api:default/payments-api': 2,
      'component:default/checkout': 2,
      'component:default/payments': 2,
      'resource:default/checkout-db': 2,
      'component:default/storefront': 2,
      'component:default/reports': 2,
    });
    expect(body.edges).toContainEqual({ source: 'group:default/platform', target: 'group:default/payments-team', type: 'parentOf' });
    expect(body.edges).toContainEqual({ source: 'group:default/web-team', target: 'component:default/storefront', type: 'ownerOf' });
    expect(new Set(body.edges.map((e) => e.type))).toEqual(new Set(['parentOf', 'ownerOf']));
    expect(body.edges).toHaveLength(10);
  });

  it('shows a target that is not in the catalog as a missing node, and does not expand it', async () => {
    const { body } = await graph('root=component:ledger&relations=dependsOn,dependencyOf&depth=2');
    expect(body.nodes.find((n) => n.entityRef === 'resource:default/ghost-db')).toEqual({
      entityRef: 'resource:default/ghost-db',
      kind: 'resource',
      namespace: 'default',
      name: 'ghost-db',
      depth: 1,
      missing: true,
    });
    expect(body.nodes.filter((n) => n.missing)).toHaveLength(1);
    // Expanding ghost-db would have brought in reports, which depends on it too.
    expect(depths(body)).toEqual({
      'component:default/ledger': 0,
      'resource:default/ghost-db': 1,
      'component:default/payments': 1,
      'component:default/checkout': 2,
    });
  });

  it('stops at maxNodes and says so', async () => {
    const all = await graph('root=group:payments-team&relations=ownerOf&direction=out');
    expect(all.body.nodes).toHaveLength(6);
    expect(all.body.truncated).toBe(false);
    const { body } = await graph('root=group:payments-team&relations=ownerOf&direction=out&maxNodes=3');
    expect(body.truncated).toBe(true);
    expect(body.nodes.map((n) => n.entityRef)).toEqual([
      'group:default/payments-team',
      'api:default/checkout-api',
      'api:default/payments-api',
    ]);
    // Edges only between nodes in the answer.
    expect(edges(body)).toEqual([
      'group:default/payments-team ownerOf api:default/checkout-api',
      'group:default/payments-team ownerOf api:default/payments-api',
    ]);
  });

  it('reads the root like Backstage: case-insensitive, namespace defaulting to default', async () => {
    const { status, body } = await graph('root=Component:Default/Checkout&depth=1');
    expect(status).toBe(200);
    expect(body.root).toBe('component:default/checkout');
  });

  it('answers 404 for an unknown root', async () => {
    const { status, body } = await graph('root=component:default/nope');
    expect(status).toBe(404);
    expect(body.error.name).toBe('NotFoundError');
    // A relation target that is not in the catalog is not a root either.
    expect((await graph('root=resource:ghost-db')).status).toBe(404);
  });

  it.each([
    ['', 'root'],
    ['root=checkout', 'root'],
    ['root=a:b/c/d', 'root'],
    ['root=component:checkout&depth=0', 'depth'],
    ['root=component:checkout&depth=11', 'depth'],
    ['root=component:checkout&depth=two', 'depth'],
    ['root=component:checkout&maxNodes=2001', 'maxNodes'],
    ['root=component:checkout&direction=sideways', 'direction'],
    ['root=component:checkout&relations=dependsOn,,ownedBy', 'relations'],
    ['root=component:checkout&root=component:payments', 'root'],
  ])('rejects %j with 400 naming %s', async (query, parameter) => {
    const { status, body } = await graph(query);
    expect(status).toBe(400);
    expect(body.error.name).toBe('InputError');
    expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
  });
});
