/**
 * Compatibility test: Backstage's own `@backstage/catalog-client` (unchanged) drives
 * every catalog endpoint of a real Greenroom server, on SQLite and on PostgreSQL,
 * over the Northwind Outfitters demo catalog. Expected answers are computed from
 * the example YAML, so the test follows the demo data when it changes.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CATALOG_FILTER_EXISTS,
  CatalogClient,
  type QueryEntitiesInitialRequest,
  type QueryEntitiesResponse,
} from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { closeTestDatabases, engines, postgresAvailable } from '../../testing/databases';

// ---------------------------------------------------------------------------
// Expected answers, from the example files
// ---------------------------------------------------------------------------

const examplesDir = fileURLToPath(new URL('../../../../../examples/catalog/', import.meta.url));

/** Every entity of the demo catalog as written: locations.yaml itself plus every file it lists. */
function loadExampleEntities(): Entity[] {
  const index = parseYaml(readFileSync(path.join(examplesDir, 'locations.yaml'), 'utf8')) as { spec: { targets: string[] } };
  const files = ['locations.yaml', ...index.spec.targets];
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(examplesDir, file), 'utf8'))
      .map((doc) => doc.toJS() as Entity | null)
      .filter((e): e is Entity => Boolean(e)),
  );
}

const examples = loadExampleEntities();

const refOf = (e: { kind: string; metadata: { name: string; namespace?: string } }) =>
  `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase();
const specOf = (e: Entity) => (e.spec ?? {}) as Record<string, unknown>;
const names = (entities: Array<Partial<Entity> | undefined>) => entities.map((e) => e?.metadata?.name);
const sortedNames = (entities: Entity[]) => names(entities).sort();
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const examplesOfKind = (kind: string) => examples.filter((e) => e.kind === kind);
const namesWhere = (predicate: (e: Entity) => boolean) =>
  examples
    .filter(predicate)
    .map((e) => e.metadata.name)
    .sort();
const tagsOf = (e: Entity) => e.metadata.tags ?? [];

/** Counts per value, as `{ value, count }` sorted by value (facet answers are compared this way). */
function countBy(values: string[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => byteOrder(a.value, b.value));
}
const sortFacet = (facet: Array<{ value: string; count: number }> | undefined) =>
  [...(facet ?? [])].sort((a, b) => byteOrder(a.value, b.value));

/** Backstage's name for the Location entity standing for a registered location. */
const generatedRef = (type: string, target: string) =>
  `location:default/generated-${createHash('sha1').update(`${type}:${target}`).digest('hex')}`;

const relationTargets = (entity: Entity | undefined, type: string) =>
  (entity?.relations ?? [])
    .filter((r) => r.type === type)
    .map((r) => r.targetRef)
    .sort();

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** What a failed client call tells its caller: the HTTP status and the server's error name. */
async function failure(call: Promise<unknown>): Promise<{ status?: number; name?: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { statusCode?: number; cause?: { name?: string } };
    return { status: e.statusCode, name: e.cause?.name };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Polls until `check` stops throwing (for work the server does after answering, e.g. refresh). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Follows nextCursor from an initial request to the end; returns every page. */
async function pagesForward(client: CatalogClient, initial: QueryEntitiesInitialRequest): Promise<QueryEntitiesResponse[]> {
  const pages = [await client.queryEntities(initial)];
  for (let cursor = pages[0].pageInfo.nextCursor; cursor; cursor = pages[pages.length - 1].pageInfo.nextCursor) {
    pages.push(await client.queryEntities({ cursor, limit: initial.limit }));
    if (pages.length > 100) throw new Error('nextCursor never ends');
  }
  return pages;
}

/** Follows prevCursor back from a page to the start; returns the pages in reading order (first page first). */
async function pagesBackward(client: CatalogClient, from: QueryEntitiesResponse, limit: number): Promise<QueryEntitiesResponse[]> {
  const pages = [from];
  for (let cursor = from.pageInfo.prevCursor; cursor; cursor = pages[0].pageInfo.prevCursor) {
    pages.unshift(await client.queryEntities({ cursor, limit }));
    if (pages.length > 100) throw new Error('prevCursor never ends');
  }
  return pages;
}

/** A small web server for `url` locations: tests put files in `files` by path. */
async function startFileServer(files: Map<string, string>): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (body === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const componentYaml = (name: string, owner: string, more = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  tags: [fixture]
spec:
  type: service
  lifecycle: experimental
  owner: ${owner}
${more}
`;

const apiYaml = (name: string, owner: string) => `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
spec:
  type: openapi
  lifecycle: experimental
  owner: ${owner}
  definition: "openapi: 3.0.0"
`;

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

describe.each(engines)('Backstage catalog-client against Greenroom on %s', (engine) => {
  let available = true;
  let app: TestApp;
  let client: CatalogClient;
  let rootDir: string;
  let catalogDir: string;
  let configTarget: string;
  let fileServer: { server: http.Server; base: string } | undefined;
  const served = new Map<string, string>();
  const url = (p: string) => `${fileServer!.base}${p}`;

  beforeAll(async () => {
    if (engine === 'postgres' && !(await postgresAvailable())) {
      available = false;
      return;
    }
    rootDir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-catalog-client-'));
    catalogDir = path.join(rootDir, 'catalog');
    cpSync(examplesDir, catalogDir, { recursive: true });
    configTarget = path.join(catalogDir, 'locations.yaml');
    fileServer = await startFileServer(served);

    app = await createTestApp(
      engine,
      {
        server: { port: 0, host: '127.0.0.1' },
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
          locations: [{ type: 'file', target: './catalog/locations.yaml' }],
          refresh: { intervalSeconds: 0 },
        },
        reading: { fileRoots: ['.'], allow: [{ host: '127.0.0.1' }] },
      },
      { rootDir },
    );
    await app.start();
    await waitForIngestion(app);
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => `${base}/api/catalog` } });
  });

  beforeEach((ctx) => {
    if (!available) ctx.skip();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => (fileServer ? fileServer.server.close(resolve) : resolve(undefined)));
    await closeTestDatabases();
  });

  const configLocationEntityRef = () => generatedRef('file', configTarget);

  // -------------------------------------------------------------------------
  describe('getEntities', () => {
    it('lists the whole demo catalog, plus the generated Location entity, ordered by entity ref', async () => {
      const { items } = await client.getEntities();
      const refs = items.map(refOf);
      expect(refs).toHaveLength(examples.length + 1);
      expect(new Set(refs)).toEqual(new Set([...examples.map(refOf), configLocationEntityRef()]));
      expect(refs).toEqual([...refs].sort(byteOrder));
      for (const entity of items) {
        expect(entity.metadata.uid).toEqual(expect.any(String));
        expect(entity.metadata.etag).toEqual(expect.any(String));
      }
    });

    it('filters by kind case-insensitively, with the count the example files have', async () => {
      const { items } = await client.getEntities({ filter: { kind: 'cOmPoNeNt' } });
      expect(sortedNames(items)).toEqual(
        examplesOfKind('Component')
          .map((e) => e.metadata.name)
          .sort(),
      );
    });

    it('treats an array of values for one key as OR', async () => {
      const { items } = await client.getEntities({ filter: { kind: ['Domain', 'System'] } });
      expect(sortedNames(items)).toEqual(namesWhere((e) => e.kind === 'Domain' || e.kind === 'System'));
    });

    it('ANDs keys within one filter set and ORs the sets of a filter array', async () => {
      const { items } = await client.getEntities({
        filter: [{ kind: 'Domain' }, { kind: 'System', 'spec.type': 'SERVICE' }],
      });
      expect(sortedNames(items)).toEqual(namesWhere((e) => e.kind === 'Domain' || (e.kind === 'System' && specOf(e).type === 'service')));
    });

    it('matches on the existence of a key with CATALOG_FILTER_EXISTS', async () => {
      const { items } = await client.getEntities({ filter: { kind: 'Component', 'spec.subcomponentOf': CATALOG_FILTER_EXISTS } });
      expect(sortedNames(items)).toEqual(namesWhere((e) => e.kind === 'Component' && specOf(e).subcomponentOf !== undefined));
      expect(names(items)).toEqual(['order-export-job']);
    });

    it('finds entities by tag with metadata.tags.<tag>', async () => {
      const { items } = await client.getEntities({ filter: { 'metadata.tags.kafka': CATALOG_FILTER_EXISTS } });
      expect(sortedNames(items)).toEqual(namesWhere((e) => tagsOf(e).includes('kafka')));
      expect(items.length).toBeGreaterThan(3);
    });

    it('finds what a team owns with relations.ownedBy=<group ref>', async () => {
      const { items } = await client.getEntities({ filter: { 'relations.ownedBy': 'group:default/team-storefront' } });
      expect(sortedNames(items)).toEqual(namesWhere((e) => specOf(e).owner === 'team-storefront'));
    });

    it('returns only the requested fields', async () => {
      const { items } = await client.getEntities({ filter: { kind: 'Domain' }, fields: ['kind', 'metadata.name', 'spec.owner'] });
      const expected = examplesOfKind('Domain').map((d) => ({
        kind: 'Domain',
        metadata: { name: d.metadata.name },
        spec: { owner: specOf(d).owner },
      }));
      expect(items).toHaveLength(expected.length);
      expect(items).toEqual(expect.arrayContaining(expected));
    });

    it('orders by several fields, and pages with offset and limit', async () => {
      const ordered = await client.getEntities({
        filter: { kind: ['Component', 'API'] },
        order: [
          { field: 'kind', order: 'asc' },
          { field: 'metadata.name', order: 'desc' },
        ],
      });
      const apis = namesWhere((e) => e.kind === 'API').reverse();
      const components = namesWhere((e) => e.kind === 'Component').reverse();
      expect(names(ordered.items)).toEqual([...apis, ...components]);

      const page = await client.getEntities({
        filter: { kind: 'Component' },
        order: { field: 'metadata.name', order: 'asc' },
        offset: 2,
        limit: 3,
      });
      expect(names(page.items)).toEqual(namesWhere((e) => e.kind === 'Component').slice(2, 5));
    });
  });

  // -------------------------------------------------------------------------
  describe('getEntityByRef and friends', () => {
    it('returns an entity by string ref, by compound ref, and whatever the case of the ref', async () => {
      const byString = await client.getEntityByRef('component:default/storefront-web');
      const byCompound = await client.getEntityByRef({ kind: 'Component', namespace: 'default', name: 'storefront-web' });
      const shortAndMixedCase = await client.getEntityByRef('Component:Storefront-Web');
      expect(byString?.metadata.name).toBe('storefront-web');
      expect(byCompound?.metadata.uid).toBe(byString?.metadata.uid);
      expect(shortAndMixedCase?.metadata.uid).toBe(byString?.metadata.uid);
    });

    it('returns undefined for an entity that does not exist', async () => {
      expect(await client.getEntityByRef('component:default/no-such-thing')).toBeUndefined();
      expect(await client.getEntityByName({ kind: 'Component', namespace: 'default', name: 'no-such-thing' })).toBeUndefined();
    });

    it('still answers the deprecated getEntityByName', async () => {
      const entity = await client.getEntityByName({ kind: 'API', namespace: 'default', name: 'orders-api' });
      expect(entity?.kind).toBe('API');
    });

    it('keeps what the file says and adds the location annotations', async () => {
      const entity = await client.getEntityByRef('component:default/storefront-web');
      const written = examples.find((e) => refOf(e) === 'component:default/storefront-web')!;
      expect(entity?.spec).toEqual(written.spec);
      expect(entity?.metadata.title).toBe(written.metadata.title);
      expect(entity?.metadata.tags).toEqual(written.metadata.tags);
      expect(entity?.metadata.links).toEqual(written.metadata.links);
      expect(entity?.metadata.annotations).toMatchObject({
        ...written.metadata.annotations,
        'backstage.io/managed-by-location': `file:${path.join(catalogDir, 'components', 'storefront-web.yaml')}`,
        'backstage.io/managed-by-origin-location': `file:${configTarget}`,
      });
    });

    it('shows relations on both ends: storefront-web is ownedBy its team, and the team is ownerOf it', async () => {
      const web = await client.getEntityByRef('component:default/storefront-web');
      expect(relationTargets(web, 'ownedBy')).toEqual(['group:default/team-storefront']);
      expect(relationTargets(web, 'partOf')).toEqual(['system:default/storefront']);
      const written = specOf(examples.find((e) => e.metadata.name === 'storefront-web')!);
      expect(relationTargets(web, 'consumesApi')).toEqual((written.consumesApis as string[]).map((n) => `api:default/${n}`).sort());
      expect(relationTargets(web, 'dependsOn')).toEqual((written.dependsOn as string[]).map((r) => r.replace(':', ':default/')).sort());

      const team = await client.getEntityByRef('group:default/team-storefront');
      expect(relationTargets(team, 'ownerOf')).toEqual(
        examples
          .filter((e) => specOf(e).owner === 'team-storefront')
          .map(refOf)
          .sort(),
      );
      expect(relationTargets(team, 'childOf')).toEqual(['group:default/engineering']);
      expect(relationTargets(team, 'hasMember')).toEqual(['user:default/liam.chen', 'user:default/sofia.alvarez']);

      const hana = await client.getEntityByRef('user:default/hana.sato');
      expect(relationTargets(hana, 'memberOf')).toEqual(['group:default/team-data', 'group:default/team-platform']);
    });

    it('serves orders-api with its $text definition replaced by the OpenAPI file, character for character', async () => {
      const api = await client.getEntityByRef('api:default/orders-api');
      expect(api?.spec?.definition).toBe(readFileSync(path.join(examplesDir, 'apis', 'orders-api.openapi.yaml'), 'utf8'));
      expect(relationTargets(api, 'apiProvidedBy')).toEqual(['component:default/orders-service']);
      expect(relationTargets(api, 'apiConsumedBy')).toEqual(
        examples
          .filter((e) => ((specOf(e).consumesApis as string[] | undefined) ?? []).includes('orders-api'))
          .map(refOf)
          .sort(),
      );
    });
  });

  // -------------------------------------------------------------------------
  describe('getEntitiesByRefs', () => {
    it('answers in input order, with undefined where an entity does not exist', async () => {
      const refs = [
        'group:default/team-payments',
        'api:default/does-not-exist',
        'component:default/storefront-web',
        'resource:default/orders-db',
      ];
      const { items } = await client.getEntitiesByRefs({ entityRefs: refs });
      expect(items).toHaveLength(4);
      expect(names(items)).toEqual(['team-payments', undefined, 'storefront-web', 'orders-db']);
      expect(items[1]).toBeUndefined();
    });

    it('returns only the requested fields', async () => {
      const { items } = await client.getEntitiesByRefs({
        entityRefs: ['component:default/cart-service', 'domain:default/commerce'],
        fields: ['kind', 'metadata.name'],
      });
      expect(items).toEqual([
        { kind: 'Component', metadata: { name: 'cart-service' } },
        { kind: 'Domain', metadata: { name: 'commerce' } },
      ]);
    });

    it('leaves out (as undefined) entities that do not match the filter or the predicate query', async () => {
      const refs = ['group:default/team-data', 'component:default/cart-service', 'user:default/hana.sato'];
      const filtered = await client.getEntitiesByRefs({ entityRefs: refs, filter: { kind: 'Group' } });
      expect(names(filtered.items)).toEqual(['team-data', undefined, undefined]);
      const queried = await client.getEntitiesByRefs({ entityRefs: refs, query: { kind: { $in: ['component', 'user'] } } });
      expect(names(queried.items)).toEqual([undefined, 'cart-service', 'hana.sato']);
    });

    it('keeps order and length across the chunks the client splits long lists into', async () => {
      const refs = Array.from({ length: 1500 }, (_, i) => `component:default/missing-${i}`);
      refs[3] = 'component:default/orders-service';
      refs[1499] = 'system:default/checkout';
      const { items } = await client.getEntitiesByRefs({ entityRefs: refs, fields: ['metadata.name'] });
      expect(items).toHaveLength(1500);
      expect(items.filter(Boolean)).toHaveLength(2);
      expect(items[3]?.metadata.name).toBe('orders-service');
      expect(items[1499]?.metadata.name).toBe('checkout');
    });
  });

  // -------------------------------------------------------------------------
  describe('queryEntities', () => {
    const componentNames = () => namesWhere((e) => e.kind === 'Component');
    const manyKinds = ['Component', 'API', 'Resource'];
    const manyKindNames = () => namesWhere((e) => manyKinds.includes(e.kind));

    it('answers a plain query with every entity and the total', async () => {
      const res = await client.queryEntities();
      expect(res.totalItems).toBe(examples.length + 1);
      expect(res.items).toHaveLength(examples.length + 1);
      expect(res.pageInfo.nextCursor).toBeUndefined();
    });

    it('filters, orders ascending and descending, and pages with offset and limit', async () => {
      const asc = await client.queryEntities({ filter: { kind: 'Component' }, orderFields: { field: 'metadata.name', order: 'asc' } });
      expect(names(asc.items)).toEqual(componentNames());
      expect(asc.totalItems).toBe(componentNames().length);
      const desc = await client.queryEntities({ filter: { kind: 'Component' }, orderFields: [{ field: 'metadata.name', order: 'desc' }] });
      expect(names(desc.items)).toEqual([...componentNames()].reverse());
      const page = await client.queryEntities({
        filter: { kind: 'Component' },
        orderFields: { field: 'metadata.name', order: 'asc' },
        offset: 2,
        limit: 3,
      });
      expect(names(page.items)).toEqual(componentNames().slice(2, 5));
      expect(page.totalItems).toBe(componentNames().length);
    });

    it('orders by a spec field, entities without it last', async () => {
      const res = await client.queryEntities({
        filter: { kind: ['Component', 'Domain'] },
        orderFields: { field: 'spec.lifecycle', order: 'asc' },
      });
      const lifecycles = res.items.map((e) => specOf(e).lifecycle as string | undefined);
      const present = lifecycles.filter((l) => l !== undefined) as string[];
      expect(present).toEqual([...present].sort(byteOrder));
      expect(lifecycles.slice(present.length).every((l) => l === undefined)).toBe(true);
      expect(lifecycles.slice(present.length)).toHaveLength(examplesOfKind('Domain').length);
    });

    it('pages forward through nextCursor collecting every entity exactly once, in order, then back with prevCursor', async () => {
      const limit = 4;
      const forward = await pagesForward(client, {
        filter: { kind: manyKinds },
        orderFields: { field: 'metadata.name', order: 'asc' },
        limit,
      });
      const all = forward.flatMap((p) => names(p.items));
      expect(all).toEqual(manyKindNames());
      expect(forward.every((p) => p.items.length <= limit)).toBe(true);
      expect(forward.every((p) => p.totalItems === manyKindNames().length)).toBe(true);
      expect(forward[0].pageInfo.prevCursor).toBeUndefined();
      expect(forward[forward.length - 1].pageInfo.nextCursor).toBeUndefined();

      const backward = await pagesBackward(client, forward[forward.length - 1], limit);
      expect(backward.map((p) => names(p.items))).toEqual(forward.map((p) => names(p.items)));
    });

    it('pages in descending order the same way', async () => {
      const forward = await pagesForward(client, {
        filter: { kind: manyKinds },
        orderFields: { field: 'metadata.name', order: 'desc' },
        limit: 5,
      });
      expect(forward.flatMap((p) => names(p.items))).toEqual([...manyKindNames()].reverse());
      const backward = await pagesBackward(client, forward[forward.length - 1], 5);
      expect(backward.map((p) => names(p.items))).toEqual(forward.map((p) => names(p.items)));
    });

    it('pages through the whole catalog without an order field', async () => {
      const forward = await pagesForward(client, { limit: 7 });
      const refs = forward.flatMap((p) => p.items.map(refOf));
      expect(refs).toHaveLength(examples.length + 1);
      expect(new Set(refs).size).toBe(refs.length);
    });

    it('returns only the requested fields, on the first page and after the cursor', async () => {
      const first = await client.queryEntities({
        filter: { kind: 'Group' },
        fields: ['metadata.name'],
        limit: 2,
        orderFields: { field: 'metadata.name', order: 'asc' },
      });
      expect(first.items).toEqual(
        namesWhere((e) => e.kind === 'Group')
          .slice(0, 2)
          .map((name) => ({ metadata: { name } })),
      );
      const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2, fields: ['metadata.name'] });
      expect(second.items).toEqual(
        namesWhere((e) => e.kind === 'Group')
          .slice(2, 4)
          .map((name) => ({ metadata: { name } })),
      );
    });

    it('full-text searches the named fields, case-insensitively', async () => {
      const byName = await client.queryEntities({ fullTextFilter: { term: 'PAYMENTS', fields: ['metadata.name'] } });
      expect(sortedNames(byName.items)).toEqual(namesWhere((e) => e.metadata.name.includes('payments')));
      expect(byName.totalItems).toBe(byName.items.length);

      const byDisplayName = await client.queryEntities({
        filter: { kind: 'User' },
        fullTextFilter: { term: 'ÁLVAREZ', fields: ['spec.profile.displayName'] },
      });
      expect(names(byDisplayName.items)).toEqual(['sofia.alvarez']);
    });

    it('full-text searches the order field when no fields are named', async () => {
      const res = await client.queryEntities({
        filter: { kind: 'Component' },
        orderFields: { field: 'metadata.name', order: 'asc' },
        fullTextFilter: { term: 'service' },
      });
      expect(names(res.items)).toEqual(componentNames().filter((n) => n.includes('service')));
    });

    // As in Backstage (skipTotalItems) and the client's docs: 0 when the count was not asked for.
    it('reports totalItems 0 when asked to exclude the count', async () => {
      const res = await client.queryEntities({ filter: { kind: 'Component' }, limit: 3, totalItems: 'exclude' });
      expect(res.items).toHaveLength(3);
      expect(res.totalItems).toBe(0);
    });

    describe('predicate queries (query)', () => {
      const query = async (q: QueryEntitiesInitialRequest['query']) => sortedNames((await client.queryEntities({ query: q })).items);

      it('combines conditions with $all and $in', async () => {
        expect(await query({ $all: [{ kind: 'component' }, { 'spec.type': { $in: ['website', 'LIBRARY'] } }] })).toEqual(
          namesWhere((e) => e.kind === 'Component' && ['website', 'library'].includes(specOf(e).type as string)),
        );
      });

      it('ORs with $any and matches prefixes with $hasPrefix', async () => {
        expect(await query({ $any: [{ kind: 'Domain' }, { 'metadata.name': { $hasPrefix: 'ORDERS' } }] })).toEqual(
          namesWhere((e) => e.kind === 'Domain' || e.metadata.name.startsWith('orders')),
        );
      });

      it('negates with $not', async () => {
        expect(await query({ $all: [{ kind: 'component' }, { $not: { 'spec.lifecycle': 'production' } }] })).toEqual(
          namesWhere((e) => e.kind === 'Component' && specOf(e).lifecycle !== 'production'),
        );
      });

      it('tests presence and absence with $exists', async () => {
        expect(await query({ kind: 'component', 'spec.subcomponentOf': { $exists: true } })).toEqual(['order-export-job']);
        expect(await query({ kind: 'component', 'spec.providesApis': { $exists: false } })).toEqual(
          namesWhere((e) => e.kind === 'Component' && specOf(e).providesApis === undefined),
        );
      });

      it('finds array items and relations with $contains', async () => {
        expect(await query({ kind: 'component', 'metadata.tags': { $contains: 'kafka' } })).toEqual(
          namesWhere((e) => e.kind === 'Component' && tagsOf(e).includes('kafka')),
        );
        expect(await query({ relations: { $contains: { type: 'ownedBy', targetRef: 'group:default/team-payments' } } })).toEqual(
          namesWhere((e) => specOf(e).owner === 'team-payments'),
        );
        expect(
          await query({
            kind: 'api',
            relations: {
              $contains: {
                type: 'apiProvidedBy',
                targetRef: { $in: ['component:default/orders-service', 'component:default/payments-service'] },
              },
            },
          }),
        ).toEqual(['orders-api', 'payments-api']);
      });

      it('pages through a predicate query with the cursors the client routes back to POST', async () => {
        const initial: QueryEntitiesInitialRequest = {
          query: { kind: { $in: manyKinds.map((k) => k.toLowerCase()) } },
          orderFields: { field: 'metadata.name', order: 'asc' },
          limit: 6,
        };
        const forward = await pagesForward(client, initial);
        expect(forward.length).toBeGreaterThan(2);
        expect(forward.flatMap((p) => names(p.items))).toEqual(manyKindNames());
        expect(forward.every((p) => p.totalItems === manyKindNames().length)).toBe(true);
        const backward = await pagesBackward(client, forward[forward.length - 1], 6);
        expect(backward.map((p) => names(p.items))).toEqual(forward.map((p) => names(p.items)));
      });

      it('combines a predicate query with a key-value filter (the client ANDs them)', async () => {
        const res = await client.queryEntities({ query: { 'spec.lifecycle': 'production' }, filter: { kind: 'API' } });
        expect(sortedNames(res.items)).toEqual(namesWhere((e) => e.kind === 'API' && specOf(e).lifecycle === 'production'));
      });
    });
  });

  // -------------------------------------------------------------------------
  describe('streamEntities', () => {
    it('streams the whole catalog in pages of the asked size, each entity once', async () => {
      const pages: Entity[][] = [];
      for await (const page of client.streamEntities({ pageSize: 10 })) pages.push(page);
      expect(pages.every((p) => p.length <= 10)).toBe(true);
      const refs = pages.flat().map(refOf);
      expect(new Set(refs)).toEqual(new Set([...examples.map(refOf), configLocationEntityRef()]));
      expect(refs).toHaveLength(examples.length + 1);
    });

    it('streams a filtered, ordered selection', async () => {
      const pages: Entity[][] = [];
      for await (const page of client.streamEntities({
        filter: { kind: 'User' },
        orderFields: { field: 'metadata.name', order: 'asc' },
        pageSize: 5,
      })) {
        pages.push(page);
      }
      const users = examplesOfKind('User').length;
      expect(pages.map((p) => p.length)).toEqual([...Array(Math.floor(users / 5)).fill(5), ...(users % 5 ? [users % 5] : [])]);
      expect(new Set(pages.flat().map((u) => u.metadata.name))).toEqual(new Set(namesWhere((e) => e.kind === 'User')));
    });

    it('streams a predicate query with field projection', async () => {
      const seen: string[] = [];
      for await (const page of client.streamEntities({ query: { kind: 'group' }, fields: ['metadata.name'], pageSize: 4 })) {
        for (const entity of page) {
          expect(Object.keys(entity)).toEqual(['metadata']);
          seen.push(entity.metadata.name);
        }
      }
      expect(seen.sort()).toEqual(namesWhere((e) => e.kind === 'Group'));
    });
  });

  // -------------------------------------------------------------------------
  describe('getEntityAncestors', () => {
    it('walks from an entity up through the Location that listed it to the generated root', async () => {
      const res = await client.getEntityAncestors({ entityRef: 'component:default/storefront-web' });
      expect(res.rootEntityRef).toBe('component:default/storefront-web');
      expect(res.items.map((i) => ({ ref: refOf(i.entity), parents: i.parentEntityRefs }))).toEqual([
        { ref: 'component:default/storefront-web', parents: ['location:default/northwind-catalog'] },
        { ref: 'location:default/northwind-catalog', parents: [configLocationEntityRef()] },
        { ref: configLocationEntityRef(), parents: [] },
      ]);
      const root = res.items[2].entity;
      expect(root.metadata.name).toMatch(/^generated-[0-9a-f]{40}$/);
      expect(root.spec).toMatchObject({ type: 'file', target: configTarget });
    });

    it('fails with NotFoundError for an entity that does not exist', async () => {
      expect(await failure(client.getEntityAncestors({ entityRef: 'component:default/nope' }))).toEqual({
        status: 404,
        name: 'NotFoundError',
      });
    });
  });

  // -------------------------------------------------------------------------
  describe('getEntityFacets', () => {
    it('counts entities per kind, with the kind as written', async () => {
      const { facets } = await client.getEntityFacets({ facets: ['kind'] });
      expect(sortFacet(facets.kind)).toEqual(countBy([...examples.map((e) => e.kind), 'Location']));
    });

    it('counts within a filter, array items individually, and relations by target ref', async () => {
      const { facets } = await client.getEntityFacets({ facets: ['spec.lifecycle', 'metadata.tags'], filter: { kind: 'Component' } });
      const components = examplesOfKind('Component');
      expect(sortFacet(facets['spec.lifecycle'])).toEqual(countBy(components.map((e) => specOf(e).lifecycle as string)));
      expect(sortFacet(facets['metadata.tags'])).toEqual(countBy(components.flatMap(tagsOf)));

      const owners = await client.getEntityFacets({ facets: ['relations.ownedBy'], filter: { kind: 'System' } });
      expect(sortFacet(owners.facets['relations.ownedBy'])).toEqual(
        countBy(examplesOfKind('System').map((e) => `group:default/${specOf(e).owner}`)),
      );
    });

    it('counts within a predicate query', async () => {
      const { facets } = await client.getEntityFacets({ facets: ['spec.type'], query: { kind: 'resource' } });
      expect(sortFacet(facets['spec.type'])).toEqual(countBy(examplesOfKind('Resource').map((e) => specOf(e).type as string)));
    });

    it('answers an empty list for a facet no entity has', async () => {
      const { facets } = await client.getEntityFacets({ facets: ['spec.nothingHere'] });
      expect(facets).toEqual({ 'spec.nothingHere': [] });
    });
  });

  // -------------------------------------------------------------------------
  describe('GET /entities/by-uid (in the generated API client, no CatalogClient method in 1.16)', () => {
    it('returns the entity for its uid, and a NotFoundError body for an unknown uid', async () => {
      const entity = await client.getEntityByRef('system:default/checkout');
      const { port } = app.http.server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}/api/catalog/entities/by-uid`;
      const found = await fetch(`${base}/${entity!.metadata.uid}`);
      expect(found.status).toBe(200);
      expect(((await found.json()) as Entity).metadata.name).toBe('checkout');
      const missing = await fetch(`${base}/00000000-0000-4000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { name: 'NotFoundError' }, response: { statusCode: 404 } });
    });
  });

  // -------------------------------------------------------------------------
  describe('validateEntity', () => {
    const valid: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'new-thing', tags: ['go'] },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'team-data' },
    };

    it('says a well-formed entity is valid', async () => {
      expect(await client.validateEntity(valid, 'url:https://git.example/northwind/new-thing/blob/main/catalog-info.yaml')).toEqual({
        valid: true,
      });
    });

    it('lists the problems of an invalid entity', async () => {
      const res = await client.validateEntity(
        { ...valid, metadata: { name: 'Not a valid name!' }, spec: { type: 'service', lifecycle: 'experimental' } },
        'url:https://git.example/x/catalog-info.yaml',
      );
      expect(res.valid).toBe(false);
      if (res.valid) return;
      expect(res.errors.length).toBeGreaterThanOrEqual(2);
      for (const error of res.errors) expect(error).toMatchObject({ name: expect.any(String), message: expect.any(String) });
      const text = res.errors.map((e) => e.message).join('\n');
      expect(text).toMatch(/name/);
      expect(text).toMatch(/owner/);
    });

    // As Backstage's router: only url:<target> location refs are accepted.
    it('refuses a location ref that is not url:', async () => {
      const res = await client.validateEntity(valid, `file:${path.join(catalogDir, 'catalog-info.yaml')}`);
      expect(res.valid).toBe(false);
    });
  });

  // -------------------------------------------------------------------------
  describe('locations', () => {
    it('lists the configured location with its generated Location entity ref', async () => {
      const { items } = await client.getLocations();
      expect(items).toEqual([
        expect.objectContaining({ id: expect.any(String), type: 'file', target: configTarget, entityRef: configLocationEntityRef() }),
      ]);
      expect(await client.getEntityByRef(items[0].entityRef)).toBeDefined();
    });

    it('gets a location by id, by ref and by one of its entities; undefined when unknown', async () => {
      const [config] = (await client.getLocations()).items;
      expect(await client.getLocationById(config.id)).toMatchObject({ id: config.id, type: 'file', target: configTarget });
      expect(await client.getLocationById('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await client.getLocationByRef(`file:${configTarget}`)).toMatchObject({ id: config.id });
      expect(await client.getLocationByRef('url:https://nowhere.example/catalog-info.yaml')).toBeUndefined();
      expect(await client.getLocationByEntity('component:default/storefront-web')).toMatchObject({
        id: config.id,
        type: 'file',
        target: configTarget,
      });
      expect(await client.getLocationByEntity({ kind: 'Group', namespace: 'default', name: 'engineering' })).toMatchObject({
        id: config.id,
      });
      expect(await client.getLocationByEntity('component:default/nope')).toBeUndefined();
    });

    describe('registering a url location', () => {
      const target = () => url('/lantern/catalog-info.yaml');
      beforeAll(() => {
        const lantern = componentYaml('lantern-service', 'team-data', '  providesApis: [lantern-api]');
        served.set('/lantern/catalog-info.yaml', `${lantern}---\n${apiYaml('lantern-api', 'team-data')}`);
        served.set('/dry/catalog-info.yaml', componentYaml('dry-run-widget', 'team-data'));
      });

      it('with dryRun returns the entities it would produce, and stores nothing', async () => {
        const res = await client.addLocation({ type: 'url', target: url('/dry/catalog-info.yaml'), dryRun: true });
        expect(res.exists).toBe(false);
        expect(res.location).toMatchObject({ type: 'url', target: url('/dry/catalog-info.yaml') });
        expect(res.entities.map(refOf)).toContain('component:default/dry-run-widget');
        expect(await client.getEntityByRef('component:default/dry-run-widget')).toBeUndefined();
        expect(await client.getLocationByRef(`url:${url('/dry/catalog-info.yaml')}`)).toBeUndefined();
        expect((await client.getLocations()).items).toHaveLength(1);
      });

      it('answers 201 with the new location, after which its entities are in the catalog', async () => {
        const res = await client.addLocation({ type: 'url', target: target() });
        expect(res.location).toMatchObject({
          id: expect.any(String),
          type: 'url',
          target: target(),
          entityRef: generatedRef('url', target()),
        });

        const lantern = await eventually(async () => {
          const entity = await client.getEntityByRef('component:default/lantern-service');
          if (!entity) throw new Error('not ingested yet');
          return entity;
        });
        expect(lantern.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`url:${target()}`);
        expect(relationTargets(lantern, 'providesApi')).toEqual(['api:default/lantern-api']);
        // A relation across locations shows on the demo catalog's team too.
        expect(relationTargets(await client.getEntityByRef('group:default/team-data'), 'ownerOf')).toContain(
          'component:default/lantern-service',
        );
        expect(await client.getLocationByEntity('component:default/lantern-service')).toMatchObject({
          id: res.location.id,
          target: target(),
        });
        expect(await client.getLocationById(res.location.id)).toMatchObject({ type: 'url', target: target() });
      });

      it('refuses the same location twice with a ConflictError', async () => {
        expect(await failure(client.addLocation({ type: 'url', target: target() }))).toEqual({ status: 409, name: 'ConflictError' });
      });

      it('with onConflict refresh answers with the existing location instead', async () => {
        const existing = await client.getLocationByRef(`url:${target()}`);
        const res = await client.addLocation({ type: 'url', target: target(), onConflict: 'refresh' });
        expect(res.location.id).toBe(existing?.id);
      });

      it('with dryRun says the location exists once it is registered', async () => {
        const res = await client.addLocation({ type: 'url', target: target(), dryRun: true });
        expect(res.exists).toBe(true);
      });
    });

    it('registers a file location by absolute path inside the server root', async () => {
      const dir = path.join(rootDir, 'extra');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'catalog-info.yaml');
      writeFileSync(file, componentYaml('file-registered', 'team-platform'));
      const res = await client.addLocation({ type: 'file', target: file });
      expect(res.location).toMatchObject({ type: 'file', target: file });
      const entity = await eventually(
        async () => (await client.getEntityByRef('component:default/file-registered')) ?? Promise.reject(new Error('not yet')),
      );
      expect(entity.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`file:${file}`);
    });

    describe('queryLocations and streamLocations', () => {
      it('pages every location with totalItems, and filters by type', async () => {
        const all = (await client.getLocations()).items;
        expect(all.length).toBeGreaterThanOrEqual(3);
        const res = await client.queryLocations();
        expect(res.totalItems).toBe(all.length);
        expect(new Set(res.items.map((l) => l.id))).toEqual(new Set(all.map((l) => l.id)));

        const urls = await client.queryLocations({ query: { type: 'url' } });
        expect(urls.items.length).toBeGreaterThan(0);
        expect(urls.items.every((l) => l.type === 'url')).toBe(true);
        expect(urls.totalItems).toBe(all.filter((l) => l.type === 'url').length);

        const byId = await client.queryLocations({ query: { id: { $in: [all[0].id] } } });
        expect(byId.items.map((l) => l.id)).toEqual([all[0].id]);
      });

      it('streams every location exactly once', async () => {
        const seen: string[] = [];
        for await (const page of client.streamLocations()) seen.push(...page.map((l) => l.id));
        const all = (await client.getLocations()).items;
        expect(seen.sort()).toEqual(all.map((l) => l.id).sort());
      });

      // The client's own documented example: predicates work on location queries too.
      it('finds locations with the documented $hasPrefix query', async () => {
        const res = await client.queryLocations({ query: { type: 'url', target: { $hasPrefix: fileServer!.base } } });
        expect(res.items.length).toBeGreaterThan(0);
        expect(res.items.every((l) => l.target.startsWith(fileServer!.base))).toBe(true);
      });

      // The client's follow-up request sends only the cursor, so the cursor carries the page size.
      it('keeps the page size of the first request on the pages after the cursor', async () => {
        const pages: number[] = [];
        for await (const page of client.streamLocations({ limit: 1 })) pages.push(page.length);
        expect(pages.length).toBeGreaterThanOrEqual(3);
        expect(pages.every((n) => n === 1)).toBe(true);
      });
    });

    describe('updateLocation', () => {
      const before = () => url('/moving/before.yaml');
      const after = () => url('/moving/after.yaml');
      let id: string;
      beforeAll(async () => {
        if (!available) return;
        served.set('/moving/before.yaml', componentYaml('moving-before', 'team-data'));
        served.set('/moving/after.yaml', componentYaml('moving-after', 'team-data'));
        id = (await client.addLocation({ type: 'url', target: before() })).location.id;
      });

      it('moves the location to the new target: the old entities go, the new ones come', async () => {
        const updated = await client.updateLocation(id, { type: 'url', target: after() });
        expect(updated).toMatchObject({ type: 'url', target: after() });
        await eventually(async () => {
          expect(await client.getEntityByRef('component:default/moving-after')).toBeDefined();
          expect(await client.getEntityByRef('component:default/moving-before')).toBeUndefined();
        });
        expect(await client.getLocationByRef(`url:${before()}`)).toBeUndefined();
        expect(await client.getLocationByRef(`url:${after()}`)).toMatchObject({ type: 'url', target: after() });
      });

      // Backstage updates the location in place: its id stays.
      it('keeps the location id, so getLocationById(id) still finds it', async () => {
        const current = await client.getLocationByRef(`url:${after()}`);
        expect(current?.id).toBe(id);
        expect(await client.getLocationById(id)).toMatchObject({ target: after() });
      });

      // A conflicting target is refused before anything changes.
      it('refuses to move onto an already registered target and leaves the location as it was', async () => {
        const current = (await client.getLocationByRef(`url:${after()}`))!;
        const taken = url('/lantern/catalog-info.yaml');
        expect(await failure(client.updateLocation(current.id, { type: 'url', target: taken }))).toEqual({
          status: 409,
          name: 'ConflictError',
        });
        expect(await client.getLocationById(current.id)).toMatchObject({ target: after() });
        expect(await client.getEntityByRef('component:default/moving-after')).toBeDefined();
      });
    });

    // The client sends `Content-Type: application/json` on bodiless DELETEs; that must be accepted.
    it('removeLocationById unregisters the location and its entities disappear', async () => {
      served.set('/removable/catalog-info.yaml', componentYaml('removable-service', 'team-data'));
      const { location } = await client.addLocation({ type: 'url', target: url('/removable/catalog-info.yaml') });
      await eventually(
        async () => (await client.getEntityByRef('component:default/removable-service')) ?? Promise.reject(new Error('not yet')),
      );

      await client.removeLocationById(location.id);
      expect(await client.getLocationById(location.id)).toBeUndefined();
      expect(await client.getEntityByRef('component:default/removable-service')).toBeUndefined();
      expect(await client.getEntityByRef(location.entityRef)).toBeUndefined();
      expect(relationTargets(await client.getEntityByRef('group:default/team-data'), 'ownerOf')).not.toContain(
        'component:default/removable-service',
      );
      expect(await failure(client.removeLocationById(location.id))).toEqual({ status: 404, name: 'NotFoundError' });
    });
  });

  // -------------------------------------------------------------------------
  describe('analyzeLocation', () => {
    it('lists the entities of an existing catalog-info file, and whether they are registered', async () => {
      served.set('/analyze/catalog-info.yaml', componentYaml('analyzed-service', 'team-data'));
      const target = url('/analyze/catalog-info.yaml');
      const before = await client.analyzeLocation({ location: { type: 'url', target } });
      expect(before.existingEntityFiles).toHaveLength(1);
      expect(before.existingEntityFiles[0]).toMatchObject({
        isRegistered: false,
        location: { type: 'url', target },
        entity: { kind: 'Component', metadata: { name: 'analyzed-service' } },
      });

      await client.addLocation({ type: 'url', target });
      const after = await client.analyzeLocation({ location: { type: 'url', target } });
      expect(after.existingEntityFiles.map((f) => f.isRegistered)).toEqual([true]);
    });

    it('proposes an entity to create where there is no catalog file', async () => {
      const res = await client.analyzeLocation({ location: { type: 'url', target: url('/empty-repo') } });
      expect(res.existingEntityFiles).toEqual([]);
      expect(res.generateEntities.length).toBeGreaterThan(0);
      expect(res.generateEntities[0].fields.map((f) => f.field)).toContain('spec.owner');
    });
  });

  // -------------------------------------------------------------------------
  describe('refreshEntity', () => {
    it('re-reads the entity file: a changed description shows after the refresh', async () => {
      const file = path.join(catalogDir, 'components', 'design-system.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(/^ {2}description: .*$/m, '  description: Refreshed by the compatibility test.'),
      );
      await client.refreshEntity('component:default/design-system');
      await eventually(async () => {
        expect((await client.getEntityByRef('component:default/design-system'))?.metadata.description).toBe(
          'Refreshed by the compatibility test.',
        );
      });
    });

    it('re-reads a $text file the entity depends on', async () => {
      const file = path.join(catalogDir, 'apis', 'orders-api.openapi.yaml');
      const changed = `${readFileSync(file, 'utf8')}# changed by the compatibility test\n`;
      writeFileSync(file, changed);
      await client.refreshEntity('api:default/orders-api');
      await eventually(async () => {
        expect((await client.getEntityByRef('api:default/orders-api'))?.spec?.definition).toBe(changed);
      });
    });

    it('fails with NotFoundError for an entity that does not exist', async () => {
      expect(await failure(client.refreshEntity('component:default/nope'))).toEqual({ status: 404, name: 'NotFoundError' });
    });
  });

  // -------------------------------------------------------------------------
  describe('removeEntityByUid', () => {
    let location: { id: string; entityRef: string };
    beforeAll(async () => {
      if (!available) return;
      served.set('/ephemeral/catalog-info.yaml', componentYaml('ephemeral-job', 'team-data'));
      location = (await client.addLocation({ type: 'url', target: url('/ephemeral/catalog-info.yaml') })).location;
      await eventually(
        async () => (await client.getEntityByRef('component:default/ephemeral-job')) ?? Promise.reject(new Error('not yet')),
      );
    });

    // The client sends `Content-Type: application/json` on bodiless DELETEs; that must be accepted.
    it('removes the entity: it is gone by ref, from lists, and from its owner relations', async () => {
      const entity = (await client.getEntityByRef('component:default/ephemeral-job'))!;
      await client.removeEntityByUid(entity.metadata.uid!);
      expect(await client.getEntityByRef('component:default/ephemeral-job')).toBeUndefined();
      expect((await client.getEntities({ filter: { 'metadata.name': 'ephemeral-job' } })).items).toEqual([]);
      expect(relationTargets(await client.getEntityByRef('group:default/team-data'), 'ownerOf')).not.toContain(
        'component:default/ephemeral-job',
      );
    });

    it('brings a removed entity back when its location is refreshed, as Backstage does', async () => {
      // The test before removed it already; a refresh brings it back first, so this test stands alone.
      await client.refreshEntity(location.entityRef);
      await eventually(async () => {
        expect(await client.getEntityByRef('component:default/ephemeral-job')).toBeDefined();
      });
      const entity = (await client.getEntityByRef('component:default/ephemeral-job'))!;
      await client.removeEntityByUid(entity.metadata.uid!);
      expect(await client.getEntityByRef('component:default/ephemeral-job')).toBeUndefined();
      await client.refreshEntity(location.entityRef);
      await eventually(async () => {
        expect(await client.getEntityByRef('component:default/ephemeral-job')).toBeDefined();
      });
    });

    // Backstage (DefaultEntitiesCatalog.removeEntityByUid) deletes nothing and answers 204.
    it('resolves for a uid that is already gone (Backstage deletes idempotently)', async () => {
      await expect(client.removeEntityByUid('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    });
  });
});
