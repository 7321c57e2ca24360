import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GreenroomApp } from '../../core/app';
import type { PermissionPolicy } from '../../core/permissions';
import { startCatalogApp } from '../../testing/app';
import { docsBuildsIdle } from '.';

const entityRoutes = (name: string) => [
  `/api/techdocs/static/docs/default/component/${name}/index.html`,
  `/api/techdocs/metadata/techdocs/default/component/${name}`,
  `/api/techdocs/metadata/entity/default/component/${name}`,
  `/api/techdocs/status/default/component/${name}`,
  `/api/techdocs/sync/default/component/${name}`,
];

describe('TechDocs permissions', () => {
  const apps: GreenroomApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  const start = async (policy: PermissionPolicy) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-techdocs-permissions-'));
    const catalog: string[] = [];
    for (const name of ['open', 'secret']) {
      mkdirSync(path.join(root, name, 'docs'), { recursive: true });
      writeFileSync(path.join(root, name, 'mkdocs.yml'), `site_name: ${name}\n`);
      writeFileSync(path.join(root, name, 'docs/index.md'), `# ${name}\n`);
      catalog.push(
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name, annotations: { 'backstage.io/techdocs-ref': `dir:./${name}` } },
          spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
        }),
      );
    }
    catalog.push(
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'borrower', annotations: { 'backstage.io/techdocs-entity': 'component:default/secret' } },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      }),
    );
    writeFileSync(path.join(root, 'catalog.yaml'), catalog.join('\n---\n'));
    const app = await startCatalogApp('sqlite', root, { policy });
    apps.push(app);
    await docsBuildsIdle(app);
    return (url: string) => app.http.inject({ method: 'GET', url });
  };

  it('asks for catalog.entity.read on every route, and answers 403 when the policy denies it', async () => {
    const get = await start({ decide: (_principal, permission) => (permission.name === 'catalog.entity.read' ? 'deny' : 'allow') });
    for (const url of [...entityRoutes('open'), '/api/techdocs/entities'])
      expect({ url, status: (await get(url)).statusCode }).toEqual({ url, status: 403 });
  });

  it('hides the documentation of an entity the policy hides, in every route and in the list', async () => {
    const get = await start({
      decide: (_principal, _permission, resourceRef) => (resourceRef === 'component:default/secret' ? 'deny' : 'allow'),
    });
    for (const url of entityRoutes('open')) expect({ url, status: (await get(url)).statusCode }).toEqual({ url, status: 200 });
    for (const url of entityRoutes('secret')) expect({ url, status: (await get(url)).statusCode }).toEqual({ url, status: 403 });
    // An entity showing the hidden entity's docs cannot stream them either.
    expect((await get('/api/techdocs/sync/default/component/borrower')).statusCode).toBe(403);
    expect((await get('/api/techdocs/entities')).json().items.map((item: { name: string }) => item.name)).toEqual(['open']);
  });
});
