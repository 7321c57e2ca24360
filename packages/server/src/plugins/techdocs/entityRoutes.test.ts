import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogApp, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { docsBuildsIdle } from '.';

const component = (name: string, owner: string, annotations: Record<string, string>) =>
  JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, title: name.toUpperCase(), annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
  });

/** Parses a text/event-stream body into its events. */
const events = (body: string) =>
  body
    .trim()
    .split('\n\n')
    .map((block) => {
      const [event, data] = block.split('\n').map((line) => line.slice(line.indexOf(':') + 2));
      return { event, data: JSON.parse(data) as unknown };
    });

describe.each(await availableEngines())('TechDocs entity routes on %s', (engine) => {
  let app: TestApp;
  let root: string;
  const get = (url: string) => app.http.inject({ method: 'GET', url });

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-techdocs-entities-'));
    mkdirSync(path.join(root, 'shop/docs'), { recursive: true });
    writeFileSync(path.join(root, 'shop/mkdocs.yml'), 'site_name: Shop\n');
    writeFileSync(path.join(root, 'shop/docs/index.md'), '# Shop\n');
    writeFileSync(
      path.join(root, 'catalog.yaml'),
      [
        component('shop', 'team-a', { 'backstage.io/techdocs-ref': 'dir:./shop' }),
        component('shop-worker', 'team-b', { 'backstage.io/techdocs-entity': 'component:default/shop' }),
        component('broken', 'team-b', { 'backstage.io/techdocs-ref': 'dir:./missing' }),
        component('plain', 'team-a', {}),
      ].join('\n---\n'),
    );
    app = await startCatalogApp(engine, root);
    await docsBuildsIdle(app);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  it("lists documented entities with their build state, also those showing another entity's docs", async () => {
    const { items } = (await get('/api/techdocs/entities')).json();
    expect(items).toEqual([
      expect.objectContaining({ entityRef: 'component:default/broken', state: 'failed', owner: 'group:default/team-b' }),
      expect.objectContaining({
        entityRef: 'component:default/shop',
        kind: 'Component',
        namespace: 'default',
        name: 'shop',
        title: 'SHOP',
        owner: 'group:default/team-a',
        state: 'built',
        builtAt: expect.any(String),
      }),
      expect.objectContaining({ entityRef: 'component:default/shop-worker', docsEntityRef: 'component:default/shop', state: 'built' }),
    ]);
    expect((await get('/api/techdocs/entities?owner=team-b')).json().items.map((i: { name: string }) => i.name)).toEqual([
      'broken',
      'shop-worker',
    ]);
    expect(
      (await get('/api/techdocs/entities?owner=group:default/team-a&kind=component')).json().items.map((i: { name: string }) => i.name),
    ).toEqual(['shop']);
    expect((await get('/api/techdocs/entities?kind=api')).json().items).toEqual([]);
    expect((await get('/api/techdocs/entities?owner=a,kind=b')).statusCode).toBe(400);
  });

  it("answers the entity in Backstage's shape, 404 for none", async () => {
    const entity = (await get('/api/techdocs/metadata/entity/default/component/shop')).json();
    expect(entity).toMatchObject({
      kind: 'Component',
      metadata: { name: 'shop', annotations: { 'backstage.io/techdocs-ref': 'dir:./shop' } },
    });
    expect((await get('/api/techdocs/metadata/entity/default/component/nothing')).statusCode).toBe(404);
  });

  it('syncs: builds now and streams whether the site changed, or the error', async () => {
    const unchanged = await get('/api/techdocs/sync/default/component/shop');
    expect(unchanged.headers['content-type']).toContain('text/event-stream');
    expect(events(unchanged.body).at(-1)).toEqual({ event: 'finish', data: { updated: false } });

    writeFileSync(path.join(root, 'shop/docs/index.md'), '# Shop\n\nChanged.\n');
    const changed = events((await get('/api/techdocs/sync/default/component/shop-worker')).body);
    expect(changed[0]).toEqual({ event: 'log', data: 'Checking the documentation source of component:default/shop' });
    expect(changed.at(-1)).toEqual({ event: 'finish', data: { updated: true } });
    expect((await get('/api/techdocs/static/docs/default/component/shop/index.html')).body).toContain('Changed.');
    // Search follows docs.built: the new text is found within 2 s of the build.
    const builtAt = Date.now();
    let found: unknown[] = [];
    while (found.length === 0 && Date.now() - builtAt < 2000) {
      found = (await get('/api/search/query?term=changed&types[]=techdocs')).json().results;
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(found.length).toBeGreaterThan(0);
    for (const result of found) expect(result).toMatchObject({ type: 'techdocs', document: { entityRef: 'component:default/shop' } });

    expect(events((await get('/api/techdocs/sync/default/component/broken')).body).at(-1)).toEqual({
      event: 'error',
      data: expect.stringContaining('does not exist'),
    });
    expect((await get('/api/techdocs/sync/default/component/plain')).statusCode).toBe(404);
  });

  it('keeps serving the last good site when a build fails', async () => {
    const good = (await get('/api/techdocs/status/default/component/shop')).json();
    renameSync(path.join(root, 'shop'), path.join(root, 'shop-moved'));
    try {
      expect(events((await get('/api/techdocs/sync/default/component/shop')).body).at(-1)).toMatchObject({ event: 'error' });
      expect((await get('/api/techdocs/status/default/component/shop')).json()).toMatchObject({
        state: 'failed',
        builtAt: good.builtAt,
        error: expect.stringContaining('does not exist'),
      });
      expect((await get('/api/techdocs/static/docs/default/component/shop/index.html')).body).toContain('Changed.');
    } finally {
      renameSync(path.join(root, 'shop-moved'), path.join(root, 'shop'));
    }
    // The source is back unchanged: the failure is cleared without publishing anything new.
    expect(events((await get('/api/techdocs/sync/default/component/shop')).body).at(-1)).toEqual({
      event: 'finish',
      data: { updated: false },
    });
    expect((await get('/api/techdocs/status/default/component/shop')).json()).toMatchObject({ state: 'built', builtAt: good.builtAt });
  });

  it('builds again when the published site is gone, even from an unchanged source', async () => {
    rmSync(path.join(root, 'data/techdocs/default/component/shop'), { recursive: true });
    expect((await get('/api/techdocs/static/docs/default/component/shop/index.html')).statusCode).toBe(404);
    expect(events((await get('/api/techdocs/sync/default/component/shop')).body).at(-1)).toEqual({
      event: 'finish',
      data: { updated: true },
    });
    expect((await get('/api/techdocs/static/docs/default/component/shop/index.html')).body).toContain('Changed.');
  });

  it('keeps search documents in step with their entity: new title, then gone with the entity', async () => {
    type Result = { document: Record<string, string> };
    const docsOfShop = async (): Promise<Result[]> =>
      ((await get('/api/search/query?term=shop&types[]=techdocs')).json().results as Result[]).filter(
        (r) => r.document.entityRef === 'component:default/shop',
      );
    const within2s = async (done: (results: Result[]) => boolean) => {
      const start = Date.now();
      let results = await docsOfShop();
      while (!done(results) && Date.now() - start < 2000) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        results = await docsOfShop();
      }
      return results;
    };
    expect((await within2s((r) => r.length > 0))[0].document.entityTitle).toBe('SHOP');

    const file = path.join(root, 'catalog.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"title":"SHOP"', '"title":"The shop"'));
    const refresh = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/refresh?wait=true',
      payload: { entityRef: 'component:default/shop' },
    });
    expect(refresh.statusCode).toBe(200);
    const renamed = await within2s((r) => r.length > 0 && r.every((result) => result.document.entityTitle === 'The shop'));
    expect(renamed.map((result) => result.document.entityTitle)).toEqual(renamed.map(() => 'The shop'));

    const shop = (await get('/api/catalog/entities/by-name/component/default/shop')).json();
    expect((await app.http.inject({ method: 'DELETE', url: `/api/catalog/entities/by-uid/${shop.metadata.uid}` })).statusCode).toBe(204);
    expect(await within2s((r) => r.length === 0)).toEqual([]);
    // Its site and status go with it.
    await docsBuildsIdle(app);
    expect((await get('/api/techdocs/static/docs/default/component/shop/index.html')).statusCode).toBe(404);
    expect((await get('/api/techdocs/status/default/component/shop')).json()).toEqual({ state: 'none', warnings: [] });
  });
});
