import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogApp, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { docsBuildsIdle } from '.';

const component = (name: string, annotations: Record<string, string>) =>
  JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(await availableEngines())('TechDocs on %s', (engine) => {
  let app: TestApp;
  let root: string;
  const get = (url: string) => app.http.inject({ method: 'GET', url });
  const status = async (name: string) => (await get(`/api/techdocs/status/default/component/${name}`)).json();
  const refresh = async () => {
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/refresh?wait=true',
      payload: { entityRef: 'component:default/shop' },
    });
    expect(res.statusCode).toBe(200);
    await docsBuildsIdle(app);
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-techdocs-'));
    mkdirSync(path.join(root, 'shop-docs/docs'), { recursive: true });
    writeFileSync(path.join(root, 'shop-docs/mkdocs.yml'), 'site_name: Shop\nnav:\n  - index.md\n  - gone.md\n');
    writeFileSync(path.join(root, 'shop-docs/docs/index.md'), '# Shop\n\n!!! note\n    Hello <script>alert(1)</script>');
    writeFileSync(
      path.join(root, 'catalog.yaml'),
      [
        component('shop', { 'backstage.io/techdocs-ref': 'dir:./shop-docs' }),
        component('outside', { 'backstage.io/techdocs-ref': 'dir:../../etc' }),
        component('plain', {}),
      ].join('\n---\n'),
    );
    app = await startCatalogApp(engine, root);
    await docsBuildsIdle(app);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  it('builds documented entities in the background and serves the site with its warnings', async () => {
    const shop = await status('shop');
    expect(shop).toMatchObject({
      state: 'built',
      warnings: [{ file: 'mkdocs.yml', message: 'nav: "gone.md" is not a page of the documentation' }],
    });
    const page = await get('/api/techdocs/static/docs/default/component/shop/index.html');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.body).toContain('<div class="admonition note">');
    expect(page.body).not.toContain('<script>alert');
    const metadata = (await get('/api/techdocs/metadata/techdocs/default/component/shop')).json();
    expect(metadata).toMatchObject({ site_name: 'Shop', nav: [{ title: 'Shop', path: '' }] });
    expect(await status('plain')).toEqual({ state: 'none', warnings: [] });
  });

  it('makes every page and section searchable, linking to the reader at the heading', async () => {
    const search = async (term: string) => (await get(`/api/search/query?term=${encodeURIComponent(term)}&types[]=techdocs`)).json();
    const found = await until(
      () => search('hello'),
      (body) => body.results.length > 0,
    );
    expect(found.results[0]).toMatchObject({
      type: 'techdocs',
      document: {
        title: 'Shop',
        location: expect.stringMatching(/^\/catalog\/default\/component\/shop\/docs\/(#shop)?$/),
        entityRef: 'component:default/shop',
        owner: 'group:default/team-a',
        lifecycle: 'production',
      },
    });
  });

  it("searches within one entity's documentation with entity:", async () => {
    const body = (await get(`/api/search/query?term=${encodeURIComponent('hello entity:shop')}&types[]=techdocs`)).json();
    expect(body.results.length).toBeGreaterThan(0);
    expect((await get(`/api/search/query?term=${encodeURIComponent('hello entity:other')}&types[]=techdocs`)).json().results).toEqual([]);
  });

  it('refuses documentation outside the configured file roots, and paths out of a site', async () => {
    expect(await status('outside')).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('outside the configured reading.fileRoots'),
    });
    for (const escape of ['..%2f..%2f..%2fcatalog.yaml', '%2e%2e/%2e%2e/%2e%2e/catalog.yaml', 'a/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await get(`/api/techdocs/static/docs/default/component/shop/${escape}`);
      expect([400, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('apiVersion');
    }
    expect((await get('/api/techdocs/static/docs/default/component/nothing/index.html')).statusCode).toBe(404);
  });

  it('rebuilds when the source changes and not when it does not', async () => {
    const before = await status('shop');
    await refresh();
    expect((await status('shop')).builtAt).toBe(before.builtAt);
    writeFileSync(path.join(root, 'shop-docs/docs/index.md'), '# Shop\n\nNew text.');
    await refresh();
    const after = await status('shop');
    expect(after.builtAt).not.toBe(before.builtAt);
    expect((await get('/api/techdocs/static/docs/default/component/shop/index.html')).body).toContain('New text.');
    // Search follows the rebuild: the new words are found and the old ones are gone.
    const search = async (term: string) => (await get(`/api/search/query?term=${term}&types[]=techdocs`)).json();
    await until(
      () => search('new'),
      (body) => body.results.length > 0,
    );
    expect((await search('hello')).results).toEqual([]);
  });
});
