import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@greenroom/model';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CatalogApi } from '../../../catalog/extensions';
import { runAction } from '../../testing/actionContext';
import { createCatalogFetchAction } from './fetch';
import { createCatalogRegisterAction } from './register';
import { createCatalogWriteAction } from './write';

const entity = (kind: string, name: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default' }, spec: {} }) as Entity;

function fakeCatalog(entities: Entity[], failAdd = false) {
  const added: string[] = [];
  const byRef = new Map(entities.map((e) => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e]));
  const api = {
    getEntitiesByRefs: async (refs: string[]) => refs.map((ref) => byRef.get(ref)),
    addLocation: async (location: { target: string }) => {
      if (failAdd) throw new Error('cannot read the location');
      added.push(location.target);
      return { locationId: 'l1', exists: false, entities: [entity('Location', 'generated'), entity('Component', 'shop')] };
    },
  } as unknown as CatalogApi;
  return { api, added };
}

describe('catalog:register', () => {
  it('registers repoContentsUrl + catalogInfoPath and outputs the first non-Location entity', async () => {
    const catalog = fakeCatalog([]);
    const { outputs } = await runAction(createCatalogRegisterAction(() => catalog.api), {
      repoContentsUrl: 'https://git.example/acme/shop/blob/main/',
      catalogInfoPath: '/catalog-info.yaml',
    });
    expect(catalog.added).toEqual(['https://git.example/acme/shop/blob/main/catalog-info.yaml']);
    expect(outputs).toEqual({ catalogInfoUrl: 'https://git.example/acme/shop/blob/main/catalog-info.yaml', entityRef: 'component:default/shop' });
  });

  it('fails with the catalog\'s error unless optional', async () => {
    const catalog = fakeCatalog([], true);
    const action = createCatalogRegisterAction(() => catalog.api);
    await expect(runAction(action, { catalogInfoUrl: 'https://git.example/x.yaml' })).rejects.toThrow('cannot read the location');
    const { logs } = await runAction(action, { catalogInfoUrl: 'https://git.example/x.yaml', optional: true });
    expect(logs.join('\n')).toMatch(/Registering failed/);
  });
});

describe('catalog:write', () => {
  it('writes the entity as YAML to catalog-info.yaml or filePath', async () => {
    const value = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'shop' } };
    const { workspacePath } = await runAction(createCatalogWriteAction(), { entity: value });
    expect(parse(readFileSync(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'))).toEqual(value);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-cw-'));
    await runAction(createCatalogWriteAction(), { entity: value, filePath: 'sub/entity.yaml' }, { workspacePath: dir });
    expect(parse(readFileSync(path.join(dir, 'sub/entity.yaml'), 'utf8'))).toEqual(value);
    await expect(runAction(createCatalogWriteAction(), { entity: value, filePath: '../x.yaml' })).rejects.toThrow(/leads outside/);
  });
});

describe('catalog:fetch', () => {
  const catalog = fakeCatalog([entity('Group', 'team-a'), entity('Component', 'shop')]);
  const action = createCatalogFetchAction(() => catalog.api);

  it('outputs one entity, or several in order, with default kind and namespace', async () => {
    expect((await runAction(action, { entityRef: 'team-a', defaultKind: 'group' })).outputs.entity).toMatchObject({ metadata: { name: 'team-a' } });
    const { outputs } = await runAction(action, { entityRefs: ['component:shop', 'group:team-a'] });
    expect((outputs.entities as Entity[]).map((e) => e.metadata.name)).toEqual(['shop', 'team-a']);
  });

  it('fails for a missing entity unless optional', async () => {
    await expect(runAction(action, { entityRef: 'component:nope' })).rejects.toThrow('catalog:fetch: component:nope not found in the catalog');
    expect((await runAction(action, { entityRefs: ['component:nope', 'component:shop'], optional: true })).outputs.entities).toMatchObject([null, { metadata: { name: 'shop' } }]);
  });
});
