import type { Entity } from '@greenroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../core/reader/testing/gitServer';
import { createTestApp, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';

const component = (name: string, description: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: ${description}
spec:
  type: service
  lifecycle: production
  owner: team-a
  definitionFile:
    $text: ./docs/notes.txt
`;

/** A url location in a git repository, read with real git from a git server on loopback. */
describe.each(await availableEngines())('git locations on %s', (engine) => {
  let git: GitServer;
  let app: TestApp;
  let repoUrl: string;

  beforeAll(async () => {
    git = await startGitServer();
    repoUrl = await git.createRepo('northwind/orders', {
      'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: orders-repo
spec:
  targets: [./services/orders.yaml]
`,
      'services/orders.yaml': component('orders', 'first version'),
      'services/docs/notes.txt': 'notes from git',
    });
    app = await createTestApp(engine, {
      catalog: { rules: [{ allow: ['Component', 'Location'] }], refresh: { intervalSeconds: 0 } },
      reading: { allow: [{ host: '127.0.0.1' }], gitFetchIntervalMs: 0 },
    });
    await app.start();
  });

  afterAll(async () => {
    await app.close();
    await git.close();
    await closeTestDatabases();
  });

  const orders = async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/catalog/entities/by-name/component/default/orders' });
    return res.statusCode === 200 ? (res.json() as Entity) : undefined;
  };

  it('registers a file in a git repository, follows its Location targets and placeholders at the same ref', async () => {
    const target = `${repoUrl}/blob/main/catalog-info.yaml`;
    const res = await app.http.inject({ method: 'POST', url: '/api/catalog/locations', payload: { type: 'url', target } });
    expect(res.statusCode).toBe(201);
    const entity = await orders();
    expect(entity?.metadata.description).toBe('first version');
    expect(entity?.spec?.definitionFile).toBe('notes from git');
    expect(entity?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`url:${repoUrl}/blob/main/services/orders.yaml`);
    expect(entity?.metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe(`url:${target}`);
  });

  it('picks up a new commit on refresh', async () => {
    await git.commit('northwind/orders', { 'services/orders.yaml': component('orders', 'second version') });
    const refresh = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/refresh?wait=true',
      payload: { entityRef: 'component:default/orders' },
    });
    expect(refresh.statusCode).toBe(200);
    expect((await orders())?.metadata.description).toBe('second version');
  });

  it('refuses a git host that is not allowed, naming it, and changes nothing', async () => {
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/locations?dryRun=true',
      payload: { type: 'url', target: 'https://git.example.com/org/repo.git/blob/main/catalog-info.yaml' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().errors[0].message).toMatch(/git\.example\.com.*not allowed|not allowed.*git\.example\.com/i);
    expect(await orders()).toBeDefined();
  });
});
