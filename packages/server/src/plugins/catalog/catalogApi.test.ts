import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../../core/plugin';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { builtInPlugins } from '..';
import { catalogApi, type CatalogApi } from './extensions';

/** A consumer plugin, as the scaffolder or TechDocs would be: it reaches the catalog only through catalogApi. */
function consumer() {
  const holder: { api?: CatalogApi } = {};
  const plugin = definePlugin({
    id: 'consumer',
    register(ctx) {
      ctx.onStart(() => void (holder.api = ctx.contributions(catalogApi)[0]));
    },
  });
  return { plugin, holder };
}

describe.each(await availableEngines())('the catalog API for other plugins on %s', (engine) => {
  let app: TestApp;
  let api: CatalogApi;
  let extraFile: string;

  beforeAll(async () => {
    const { plugin, holder } = consumer();
    app = await createTestApp(engine, {}, { plugins: [...builtInPlugins, plugin] });
    const dir = path.join(app.rootDir, 'repo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: shiny-new, description: Made by a template }',
        'spec: { type: service, owner: team-a, lifecycle: experimental }',
      ].join('\n'),
    );
    extraFile = path.join(dir, 'catalog-info.yaml');
    await app.start();
    await waitForIngestion(app);
    api = holder.api!;
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  it('registers a location and answers the entities it produced, then finds them by ref and filter', async () => {
    const first = await api.addLocation({ type: 'file', target: extraFile });
    expect(first.exists).toBe(false);
    expect(first.entities.map((e) => `${e.kind}:${e.metadata.name}`)).toEqual([expect.stringMatching(/^Location:/), 'Component:shiny-new']);

    expect((await api.getEntityByRef('component:default/shiny-new'))?.metadata.description).toBe('Made by a template');
    expect(await api.getEntityByRef('component:default/nothing-here')).toBeUndefined();
    const [found, missing] = await api.getEntitiesByRefs(['component:default/shiny-new', 'component:default/nope']);
    expect(found?.spec?.owner).toBe('team-a');
    expect(missing).toBeUndefined();
    const services = await api.getEntities({ filter: 'kind=component,spec.type=service' });
    expect(services.map((e) => e.metadata.name)).toContain('shiny-new');

    const again = await api.addLocation({ type: 'file', target: extraFile });
    expect(again.exists).toBe(true);
    expect(again.locationId).toBe(first.locationId);
  });

  it('analyses a location without storing it, and refuses a relative file path', async () => {
    const analysed = await api.analyzeLocation({ type: 'file', target: extraFile });
    expect(analysed.entities.some((e) => e.metadata.name === 'shiny-new')).toBe(true);
    await expect(api.addLocation({ type: 'file', target: 'relative/catalog-info.yaml' })).rejects.toThrow(/absolute path/);
  });
});
