import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForIngestion } from '../../../testing/app';
import { availableEngines, closeTestDatabases } from '../../../testing/databases';

const template = JSON.stringify({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'node-service', title: 'Node.js service', description: 'A small HTTP service', tags: ['node'] },
  spec: { type: 'service', owner: 'team-a', parameters: [], steps: [] },
});

describe.each(await availableEngines())('templates in search on %s', (engine) => {
  afterAll(() => closeTestDatabases());

  it('finds templates under their own type, linking to their wizard', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-templates-'));
    writeFileSync(path.join(root, 'templates.yaml'), template);
    const app = await createTestApp(
      engine,
      { catalog: { rules: [{ allow: ['Template', 'Location'] }], locations: [{ type: 'file', target: './templates.yaml' }], refresh: { intervalSeconds: 0 } } },
      { rootDir: root },
    );
    try {
      await app.start();
      await waitForIngestion(app);
      const deadline = Date.now() + 5000;
      let body: { results: Array<{ type: string; document: Record<string, string> }> } = { results: [] };
      while (Date.now() < deadline && body.results.length === 0) {
        body = (await app.http.inject({ method: 'GET', url: '/api/search/query?term=http%20service&types[]=software-template' })).json();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(body.results).toHaveLength(1);
      expect(body.results[0]).toMatchObject({
        type: 'software-template',
        document: { title: 'Node.js service', location: '/create/templates/default/node-service', entityRef: 'template:default/node-service' },
      });
    } finally {
      await app.close();
    }
  });
});
