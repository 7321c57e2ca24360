import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { buildApp } from '../../core/app';
import { parseConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { definePlugin } from '../../core/plugin';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { builtInPlugins } from '..';
import { rebuildSearchIndex } from '.';
import { searchCollators } from './extensions';

const entity = (kind: string, name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, ...metadata }, spec });

/** A small shop: team-x owns payments; storefront depends on orders and consumes orders-api. */
const FIXTURE = [
  entity('Group', 'team-x', { type: 'team', children: [] }),
  entity('Group', 'team-y', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'team-y' }),
  entity(
    'Component',
    'payments',
    { type: 'service', lifecycle: 'production', owner: 'team-x', system: 'shop', providesApis: ['payments-api'] },
    { description: 'Processes card transactions for the <b>shop</b>', tags: ['java'] },
  ),
  entity('API', 'payments-api', { type: 'openapi', lifecycle: 'production', owner: 'team-x', definition: 'openapi: 3.0.0' }),
  entity('Component', 'paymentsGateway', { type: 'service', lifecycle: 'experimental', owner: 'team-x' }, { tags: ['go'] }),
  entity('Component', 'orders', { type: 'service', lifecycle: 'production', owner: 'team-y', providesApis: ['orders-api'] }),
  entity('API', 'orders-api', { type: 'openapi', lifecycle: 'production', owner: 'team-y', definition: 'openapi: 3.0.0' }),
  entity('Component', 'orderHistoryService', { type: 'service', lifecycle: 'production', owner: 'team-y' }, { title: 'Order history' }),
  entity(
    'Component',
    'storefront',
    {
      type: 'website',
      lifecycle: 'production',
      owner: 'team-y',
      system: 'shop',
      dependsOn: ['component:orders'],
      consumesApis: ['orders-api'],
    },
    { description: 'The web shop customers see', tags: ['java', 'react'] },
  ),
  entity('Component', 'ledger', { type: 'service', lifecycle: 'production', owner: 'team-x', dependsOn: ['component:orders'] }),
];

interface SearchResponse {
  results: Array<{
    type: string;
    document: { title: string; text: string; location: string; entityRef: string; [field: string]: string };
    highlight: { preTag: string; postTag: string; fields: { title?: string; text?: string } };
    rank: number;
  }>;
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults: number;
  numberOfResultsCapped?: boolean;
  facets: Record<string, Array<{ value: string; count: number }>>;
  error?: { name: string; message: string };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(await availableEngines())('search on %s', (engine) => {
  let app: TestApp;
  let root: string;

  const search = async (query: string) => {
    const res = await app.http.inject({ method: 'GET', url: `/api/search/query?${query}` });
    return { status: res.statusCode, body: res.json() as SearchResponse };
  };
  const term = async (text: string, extra = '') => (await search(`term=${encodeURIComponent(text)}${extra}`)).body;
  const refs = (body: SearchResponse) => body.results.map((r) => r.document.entityRef);

  const writeCatalog = (docs: string[]) => writeFileSync(path.join(root, 'catalog/shop.yaml'), docs.join('\n---\n'));

  const refreshCatalog = async () => {
    const locations = (await app.http.inject({ method: 'GET', url: '/api/catalog/locations' })).json() as Array<{
      data: { entityRef: string };
    }>;
    for (const l of locations) {
      const res = await app.http.inject({
        method: 'POST',
        url: '/api/catalog/refresh?wait=true',
        payload: { entityRef: l.data.entityRef },
      });
      expect(res.statusCode).toBe(200);
    }
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-search-'));
    mkdirSync(path.join(root, 'catalog'));
    writeCatalog(FIXTURE);
    app = await createTestApp(
      engine,
      {
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Group', 'System', 'Location'] }],
          locations: [{ type: 'file', target: './catalog/shop.yaml' }],
          refresh: { intervalSeconds: 0 },
        },
      },
      { rootDir: root },
    );
    await app.start();
    await waitForIngestion(app);
    // Every entity plus the location entity, once the background build and change events settle.
    const all = await until(
      () => term(''),
      (body) => body.numberOfResults === FIXTURE.length + 1,
      5000,
    );
    expect(all.numberOfResults).toBe(FIXTURE.length + 1);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  it("answers in Backstage's shape with the entity ref and portal location", async () => {
    const body = await term('storefront');
    expect(body.results[0]).toMatchObject({
      type: 'software-catalog',
      document: {
        title: 'storefront',
        text: 'The web shop customers see',
        location: '/catalog/default/component/storefront',
        entityRef: 'component:default/storefront',
        kind: 'component',
        owner: 'group:default/team-y',
        lifecycle: 'production',
        tags: 'java,react',
        system: 'system:default/shop',
      },
      highlight: { preTag: '<mark>', postTag: '</mark>' },
      rank: 1,
    });
  });

  it('ranks the exact name first, then names starting with the term', async () => {
    const found = refs(await term('payments'));
    expect(found[0]).toBe('component:default/payments');
    expect(found.slice(1, 3).sort()).toEqual(['api:default/payments-api', 'component:default/paymentsgateway']);
  });

  it('finds names by prefix', async () => {
    expect(refs(await term('paym'))).toEqual(
      expect.arrayContaining(['component:default/payments', 'api:default/payments-api', 'component:default/paymentsgateway']),
    );
    expect(refs(await term('ledg'))).toEqual(['component:default/ledger']);
  });

  it('finds words inside kebab-case and camelCase names', async () => {
    expect(refs(await term('gateway'))).toEqual(['component:default/paymentsgateway']);
    expect(refs(await term('history service'))).toEqual(['component:default/orderhistoryservice']);
    expect(refs(await term('api orders'))).toEqual(['api:default/orders-api']);
  });

  it('matches other forms of a word (stemming)', async () => {
    expect(refs(await term('processing transaction'))).toEqual(['component:default/payments']);
    expect(refs(await term('customer'))).toEqual(['component:default/storefront']);
  });

  it('still finds a name with a one-letter typo', async () => {
    expect(refs(await term('ledgr'))[0]).toBe('component:default/ledger');
    expect(refs(await term('storefrant'))[0]).toBe('component:default/storefront');
    expect(refs(await term('xqzzyv'))).toEqual([]);
  });

  it('marks the matched words in title and text, adding nothing but the tags', async () => {
    const [hit] = (await term('processes')).results;
    expect(hit.highlight.fields.text).toBe('<mark>Processes</mark> card transactions for the <b>shop</b>');
    const [titleHit] = (await term('storefront')).results;
    expect(titleHit.highlight.fields.title).toBe('<mark>storefront</mark>');
  });

  it('filters by owner, kind, type, lifecycle, tag, namespace and system in the query text', async () => {
    expect(refs(await term('owner:team-x')).sort()).toEqual([
      'api:default/payments-api',
      'component:default/ledger',
      'component:default/payments',
      'component:default/paymentsgateway',
    ]);
    expect(refs(await term('kind:api'))).toEqual(['api:default/orders-api', 'api:default/payments-api']);
    expect(refs(await term('type:website'))).toEqual(['component:default/storefront']);
    expect(refs(await term('lifecycle:experimental'))).toEqual(['component:default/paymentsgateway']);
    expect(refs(await term('tag:java'))).toEqual(['component:default/payments', 'component:default/storefront']);
    expect(refs(await term('system:shop'))).toEqual(['component:default/payments', 'component:default/storefront']);
    // The location entity lives in the default namespace too.
    expect((await term('namespace:default')).numberOfResults).toBe(FIXTURE.length + 1);
    expect((await term('namespace:other')).numberOfResults).toBe(0);
  });

  it('filters by relationships, with default kinds, combined with words and other filters', async () => {
    expect(refs(await term('dependsOn:component:orders'))).toEqual(['component:default/ledger', 'component:default/storefront']);
    expect(refs(await term('dependsOn:orders'))).toEqual(['component:default/ledger', 'component:default/storefront']);
    expect(refs(await term('dependencyOf:storefront'))).toEqual(['component:default/orders']);
    expect(refs(await term('consumes:api:orders-api'))).toEqual(['component:default/storefront']);
    expect(refs(await term('providedBy:payments'))).toEqual(['api:default/payments-api']);
    expect(refs(await term('kind:component consumes:api:orders-api owner:team-y'))).toEqual(['component:default/storefront']);
    expect(refs(await term('dependsOn:orders ledger'))).toEqual(['component:default/ledger']);
    expect(refs(await term('dependsOn:orders owner:team-x kind:component'))).toEqual(['component:default/ledger']);
    // The same key twice ORs.
    expect(refs(await term('kind:api kind:system'))).toEqual(['api:default/orders-api', 'api:default/payments-api', 'system:default/shop']);
  });

  it('accepts filters and types as parameters', async () => {
    expect(refs((await search('filters[owner]=team-x&filters[kind]=API')).body)).toEqual(['api:default/payments-api']);
    expect(refs((await search('term=orders&filters[kind]=api&filters[kind]=component')).body)).toEqual([
      'component:default/orders',
      'api:default/orders-api',
      'component:default/orderhistoryservice',
    ]);
    expect((await search('term=orders&types[]=software-catalog')).body.numberOfResults).toBe(3);
    expect((await search('term=orders&types=software-catalog')).body.numberOfResults).toBe(3);
    expect((await search('term=orders&types[]=techdocs')).body.numberOfResults).toBe(0);
  });

  it('pages with cursors, forwards and back', async () => {
    const first = await term('kind:component', '&pageLimit=2');
    expect(first.numberOfResults).toBe(6);
    expect(first.previousPageCursor).toBeUndefined();
    const second = await term('kind:component', `&pageLimit=2&pageCursor=${first.nextPageCursor}`);
    const third = await term('kind:component', `&pageLimit=2&pageCursor=${second.nextPageCursor}`);
    expect(third.nextPageCursor).toBeUndefined();
    expect(second.results.map((r) => r.rank)).toEqual([3, 4]);
    const seen = [...refs(first), ...refs(second), ...refs(third)];
    expect(new Set(seen).size).toBe(6);
    const back = await term('kind:component', `&pageLimit=2&pageCursor=${second.previousPageCursor}`);
    expect(refs(back)).toEqual(refs(first));
  });

  it('lists name and title matches before description matches, and pages on into the descriptions', async () => {
    // `shop` is the system's name; payments and storefront only mention the shop in their descriptions.
    const pages = [];
    let cursor = '';
    for (let i = 0; i < 4; i++) {
      const page = await term('shop', `&pageLimit=1${cursor ? `&pageCursor=${cursor}` : ''}`);
      pages.push(...refs(page));
      if (!page.nextPageCursor) break;
      cursor = page.nextPageCursor;
    }
    expect(pages[0]).toBe('system:default/shop');
    expect(pages.slice(1).sort()).toEqual(['component:default/payments', 'component:default/storefront']);
    expect((await term('shop')).numberOfResults).toBe(3);
    expect(refs(await term('shop kind:component')).sort()).toEqual(['component:default/payments', 'component:default/storefront']);
  });

  it('reports how many documents of each type the index holds', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/search/status' });
    expect(res.statusCode).toBe(200);
    expect(res.json().documents).toEqual({ 'software-catalog': FIXTURE.length + 1 });
  });

  it("never matches the index's own filter tokens", async () => {
    // Filters are indexed as `zz<digits>` tokens; a typed `z` or `zz` must not reach them.
    for (const text of ['z', 'zz', 'zz1', 'kind:component z']) expect((await term(text)).numberOfResults).toBe(0);
  });

  it('counts facets over all matches when asked, not just the page', async () => {
    expect((await term('owner:team-x', '&pageLimit=1')).facets).toBeUndefined();
    const body = await term('owner:team-x', '&pageLimit=1&facets=true');
    expect(body.results).toHaveLength(1);
    expect(body.facets.kind).toEqual([
      { value: 'component', count: 3 },
      { value: 'api', count: 1 },
    ]);
    expect(body.facets.lifecycle).toEqual([
      { value: 'production', count: 3 },
      { value: 'experimental', count: 1 },
    ]);
    expect(body.facets.owner).toEqual([{ value: 'group:default/team-x', count: 4 }]);
    expect(body.facets.tag).toEqual([
      { value: 'go', count: 1 },
      { value: 'java', count: 1 },
    ]);
  });

  it('rejects bad parameters with a 400 naming them', async () => {
    for (const [query, name] of [
      ['pageLimit=0', 'pageLimit'],
      ['pageLimit=101', 'pageLimit'],
      ['pageCursor=nonsense', 'pageCursor'],
      ['filters[colour]=blue', 'filters[colour]'],
      ['filters[owner]=a:b:c', 'filters[owner]'],
      ['term=a&term=b', 'term'],
    ]) {
      const { status, body } = await search(query);
      expect(status, query).toBe(400);
      expect(body.error?.message, query).toContain(name);
    }
  });

  it('follows added, changed and deleted entities within 2 seconds, without a rebuild', async () => {
    const generation = async () =>
      (await app.database.db.selectFrom('search_state').select('value').where('key', '=', 'generation').executeTakeFirst())?.value;
    const before = await generation();
    const changed = FIXTURE.filter((doc) => !doc.includes('"ledger"')).map((doc) =>
      doc.replace('The web shop customers see', 'The web shop shoppers browse'),
    );
    writeCatalog([...changed, entity('Component', 'invoicing', { type: 'service', lifecycle: 'production', owner: 'team-x' })]);
    await refreshCatalog();
    // An entity gone from its file stays as an orphan until it is deleted.
    const ledger = (await app.http.inject({ method: 'GET', url: '/api/catalog/entities/by-name/component/default/ledger' })).json() as {
      metadata: { uid: string };
    };
    const deleted = await app.http.inject({ method: 'DELETE', url: `/api/catalog/entities/by-uid/${ledger.metadata.uid}` });
    expect(deleted.statusCode).toBe(204);
    const started = Date.now();
    const seen = await until(
      async () => ({ added: refs(await term('invoicing')), gone: refs(await term('ledger')), changed: refs(await term('browse')) }),
      (r) => r.added.length === 1 && r.gone.length === 0 && r.changed.length === 1,
      2000,
    );
    expect(seen).toEqual({ added: ['component:default/invoicing'], gone: [], changed: ['component:default/storefront'] });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await generation()).toBe(before);
  });

  it('rebuilds into a fresh generation while answering queries', async () => {
    const before = (await term('')).numberOfResults;
    const rebuild = rebuildSearchIndex(app);
    expect((await term('')).numberOfResults).toBe(before);
    await rebuild;
    expect((await term('')).numberOfResults).toBe(before);
    expect(refs(await term('invoicing'))).toEqual(['component:default/invoicing']);
  });

  it('answers from the new rows after another process rebuilt the index', async () => {
    const before = (await term('')).numberOfResults;
    const other = await buildApp(parseConfig({ catalog: { locations: [] } }, { rootDir: root, env: {} }), builtInPlugins, {
      database: app.database,
      logger: createLogger({ level: 'silent' }),
    });
    await rebuildSearchIndex(other);
    await other.close();
    expect((await term('')).numberOfResults).toBe(before);
    expect(refs(await term('storefrant'))).toEqual(['component:default/storefront']);
  });
});

describe.each(await availableEngines())('search with a second collator on %s', (engine) => {
  const notes = [
    {
      key: 'n1',
      title: 'Release checklist',
      text: 'Steps before shipping',
      location: '/notes/n1',
      fields: {},
      filters: { kind: ['note'] },
    },
    { key: 'n2', title: 'Incident review', text: 'What broke the ledger', location: '/notes/n2', fields: {}, filters: { kind: ['note'] } },
  ];
  const notesPlugin = definePlugin({
    id: 'notes',
    register(ctx) {
      ctx.contribute(searchCollators, {
        type: 'notes',
        async *all() {
          yield* notes;
        },
      });
    },
  });

  afterAll(() => closeTestDatabases());

  it("indexes another plugin's documents, told apart by type", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-search-notes-'));
    mkdirSync(path.join(root, 'catalog'));
    writeFileSync(
      path.join(root, 'catalog/ledger.yaml'),
      FIXTURE.find((doc) => doc.includes('"ledger"'))!,
    );
    const app = await createTestApp(
      engine,
      { catalog: { locations: [{ type: 'file', target: './catalog/ledger.yaml' }], refresh: { intervalSeconds: 0 } } },
      { rootDir: root, plugins: [...builtInPlugins, notesPlugin] },
    );
    try {
      await app.start();
      await waitForIngestion(app);
      const query = async (q: string) => (await app.http.inject({ method: 'GET', url: `/api/search/query?${q}` })).json() as SearchResponse;
      const both = await until(
        () => query('term=ledger'),
        (body) => body.numberOfResults === 2,
        // Generous: the initial build shares the machine with the rest of the suite.
        15_000,
      );
      expect(both.results.map((r) => r.type)).toEqual(['software-catalog', 'notes']);
      expect((await query('term=ledger&types[]=notes')).results.map((r) => r.document.location)).toEqual(['/notes/n2']);
      expect((await query('term=checklist')).results[0].document.title).toBe('Release checklist');
    } finally {
      await app.close();
    }
  });
});

describe.each(await availableEngines())('search counts on %s', (engine) => {
  const many = Array.from({ length: 1005 }, (_, i) => ({
    key: `m${i}`,
    title: `Memo ${i}`,
    text: i % 2 ? 'quarterly numbers' : 'weekly numbers',
    location: `/memos/${i}`,
    fields: {},
    filters: { kind: ['memo'] },
  }));
  const memosPlugin = definePlugin({
    id: 'memos',
    register(ctx) {
      ctx.contribute(searchCollators, {
        type: 'memos',
        async *all() {
          yield* many;
        },
      });
    },
  });

  afterAll(() => closeTestDatabases());

  it('counts up to 1,000 matches, says when it stopped, and still pages on', async () => {
    const app = await createTestApp(engine, {}, { plugins: [...builtInPlugins, memosPlugin] });
    try {
      await app.start();
      const query = async (q: string) => (await app.http.inject({ method: 'GET', url: `/api/search/query?${q}` })).json() as SearchResponse;
      const all = await until(
        () => query('term=numbers&types[]=memos&pageLimit=100'),
        (body) => body.numberOfResults === 1000,
        15_000,
      );
      expect(all).toMatchObject({ numberOfResults: 1000, numberOfResultsCapped: true });
      const exact = await query('term=quarterly&types[]=memos');
      expect(exact.numberOfResults).toBe(502);
      expect(exact).not.toHaveProperty('numberOfResultsCapped');
      // The page that ends at the count's limit still offers the next one, which holds the last 5.
      const atLimit = await query(`term=numbers&types[]=memos&pageLimit=100&pageCursor=${cursorAt(900)}`);
      expect(atLimit.results).toHaveLength(100);
      const last = await query(`term=numbers&types[]=memos&pageLimit=100&pageCursor=${atLimit.nextPageCursor}`);
      expect(last.results).toHaveLength(5);
      expect(last.nextPageCursor).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

/** A cursor to a deep page, made the way the server makes them (its offset, base64url JSON). */
function cursorAt(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}
