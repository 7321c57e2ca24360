import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../core/reader/testing/gitServer';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { docsBuildsIdle } from '.';

const component = (name: string, techdocsRef: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/techdocs-ref: ${techdocsRef}
spec: { type: service, owner: team-a, lifecycle: production }
`;

/** Documentation in git repositories: read through the reader (its allow-list), built like local docs. */
describe.each(await availableEngines())('TechDocs from git on %s', (engine) => {
  let git: GitServer;
  let app: TestApp;
  let repoUrl: string;
  const get = (url: string) => app.http.inject({ method: 'GET', url });
  const status = async (name: string) => (await get(`/api/techdocs/status/default/component/${name}`)).json();
  const page = async (name: string) => (await get(`/api/techdocs/static/docs/default/component/${name}/index.html`)).body;

  beforeAll(async () => {
    git = await startGitServer();
    repoUrl = await git.createRepo('northwind/billing', {
      'catalog-info.yaml': component('billing', 'dir:.'),
      'mkdocs.yml': 'site_name: Billing\n',
      'docs/index.md': '# Billing\n\nFirst words.\n',
      'handbook/mkdocs.yml': 'site_name: Handbook\n',
      'handbook/docs/index.md': '# Handbook\n',
    });
    // The url: annotation names the repository itself, known only once it exists.
    await git.commit('northwind/billing', {
      'catalog-info.yaml': [
        component('billing', 'dir:.'),
        component('billing-handbook', `url:${repoUrl}/tree/main/handbook`),
        component('climber', 'dir:../../..'),
      ].join('---\n'),
    });
    app = await createTestApp(engine, {
      catalog: {
        rules: [{ allow: ['Component'] }],
        locations: [{ type: 'url', target: `${repoUrl}/blob/main/catalog-info.yaml` }],
        refresh: { intervalSeconds: 0 },
      },
      reading: { allow: [{ host: '127.0.0.1' }], gitFetchIntervalMs: 0 },
    });
    await app.start();
    await waitForIngestion(app);
    await docsBuildsIdle(app);
  });

  afterAll(async () => {
    await app?.close();
    await git?.close();
    await closeTestDatabases();
  });

  it('builds dir: docs beside a catalog file in git, and url: docs from a tree URL', async () => {
    expect(await status('billing')).toMatchObject({ state: 'built' });
    expect(await page('billing')).toContain('First words.');
    expect(await status('billing-handbook')).toMatchObject({ state: 'built' });
    expect(await page('billing-handbook')).toContain('Handbook');
    // `..` may not climb out of the repository.
    expect(await status('climber')).toMatchObject({ state: 'failed', error: expect.stringContaining('outside the repository') });
  });

  it('rebuilds after a commit to the docs, and not after a commit elsewhere', async () => {
    const before = await status('billing-handbook');
    await git.commit('northwind/billing', { 'docs/index.md': '# Billing\n\nSecond words.\n' });
    const refresh = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/refresh?wait=true',
      payload: { entityRef: 'component:default/billing' },
    });
    expect(refresh.statusCode).toBe(200);
    await docsBuildsIdle(app);
    expect(await page('billing')).toContain('Second words.');
    expect((await status('billing-handbook')).builtAt).toBe(before.builtAt);
  });
});
