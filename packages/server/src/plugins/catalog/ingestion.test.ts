import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Entity } from '@greenroom/model';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';

const ALL_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'];

const group = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []
${extra}`;

const component = (name: string, spec = 'owner: team-a', metadata = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${metadata}spec:
  type: service
  lifecycle: production
  ${spec}
`;

async function get<T = unknown>(app: TestApp, url: string): Promise<{ status: number; body: T }> {
  const res = await app.http.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.body ? (res.json() as T) : (undefined as T) };
}

async function entity(app: TestApp, kind: string, name: string): Promise<Entity | undefined> {
  const res = await get<Entity>(app, `/api/catalog/entities/by-name/${kind}/default/${name}`);
  return res.status === 200 ? res.body : undefined;
}

async function refreshAll(app: TestApp) {
  const locations = (await get<Array<{ data: { entityRef: string } }>>(app, '/api/catalog/locations')).body;
  for (const l of locations) {
    const res = await app.http.inject({ method: 'POST', url: '/api/catalog/refresh?wait=true', payload: { entityRef: l.data.entityRef } });
    expect(res.statusCode).toBe(200);
  }
}

async function locationStatus(app: TestApp) {
  const locations = (
    await get<
      Array<{
        data: {
          target: string;
          status: { errors: Array<{ message: string; file: string; line?: number }>; sources: Record<string, number> };
        };
      }>
    >(app, '/api/catalog/locations')
  ).body;
  return locations.map((l) => l.data);
}

describe.each(await availableEngines())('catalog ingestion on %s', (engine) => {
  let app: TestApp;
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeEach(async () => {
    await app?.close();
    app = undefined as unknown as TestApp;
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  async function start(files: Record<string, string>, extraConfig: Record<string, unknown> = {}) {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-ingest-'));
    for (const [file, text] of Object.entries(files)) write(file, text);
    app = await createTestApp(
      engine,
      {
        catalog: {
          rules: [{ allow: ALL_KINDS }],
          locations: [{ type: 'file', target: './catalog/*.yaml' }],
          refresh: { intervalSeconds: 0 },
          ...extraConfig,
        },
        reading: { fileRoots: ['.'] },
      },
      { rootDir: root },
    );
    await app.start();
    await waitForIngestion(app);
  }

  it('ingests entities with relations stitched in both directions and Backstage annotations', async () => {
    await start({
      'catalog/org.yaml': group('team-a'),
      'catalog/svc.yaml': `${component('svc-one', 'owner: team-a\n  dependsOn: [component:svc-two]')}---\n${component('svc-two')}`,
    });
    const one = await entity(app, 'component', 'svc-one');
    expect(one?.relations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'ownedBy', targetRef: 'group:default/team-a' }),
        expect.objectContaining({ type: 'dependsOn', targetRef: 'component:default/svc-two' }),
      ]),
    );
    const team = await entity(app, 'group', 'team-a');
    expect(
      team?.relations
        ?.filter((r) => r.type === 'ownerOf')
        .map((r) => r.targetRef)
        .sort(),
    ).toEqual(['component:default/svc-one', 'component:default/svc-two']);
    const two = await entity(app, 'component', 'svc-two');
    expect(two?.relations).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'dependencyOf', targetRef: 'component:default/svc-one' })]),
    );
    const file = path.join(root, 'catalog/svc.yaml');
    expect(one?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`file:${file}`);
    expect(one?.metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe(`file:${path.join(root, 'catalog/*.yaml')}`);
    expect(one?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(one?.metadata.etag).toBeTruthy();
  });

  it('puts the registered location entity at the root of the ancestry', async () => {
    await start({ 'catalog/org.yaml': group('team-a') });
    const res = await get<{ rootEntityRef: string; items: Array<{ entity: Entity; parentEntityRefs: string[] }> }>(
      app,
      '/api/catalog/entities/by-name/group/default/team-a/ancestry',
    );
    expect(res.status).toBe(200);
    expect(res.body.rootEntityRef).toBe('group:default/team-a');
    expect(res.body.items).toHaveLength(2);
    const [self, root] = res.body.items;
    expect(self.parentEntityRefs).toEqual([`location:default/${root.entity.metadata.name}`]);
    expect(root.entity.kind).toBe('Location');
    expect(root.entity.metadata.name).toMatch(/^generated-[0-9a-f]{40}$/);
    expect(root.parentEntityRefs).toEqual([]);
  });

  it('follows the targets of Location entities, relative to the file that defines them', async () => {
    await start({
      'catalog/all.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: everything
spec:
  targets: [../more/org.yaml, ../more/svc.yaml]
`,
      'more/org.yaml': group('team-a'),
      'more/svc.yaml': component('svc-one'),
    });
    expect(await entity(app, 'component', 'svc-one')).toBeDefined();
    const ancestry = await get<{ items: Array<{ entity: Entity }> }>(
      app,
      '/api/catalog/entities/by-name/component/default/svc-one/ancestry',
    );
    expect(ancestry.body.items.map((i) => `${i.entity.kind}:${i.entity.metadata.name}`)).toEqual([
      'Component:svc-one',
      'Location:everything',
      expect.stringMatching(/^Location:generated-/),
    ]);
  });

  it('resolves $text, $json and $yaml placeholders relative to the entity file', async () => {
    await start({
      'catalog/api.yaml': `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api
  annotations:
    example.com/meta: { $json: ./meta.json }
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ./openapi.txt
  extra:
    $yaml: ./extra.yml
`,
      'catalog/openapi.txt': 'openapi: 3.0.0\ninfo: { title: Orders }\n',
      'catalog/meta.json': '"from-json"',
      'catalog/extra.yml': 'a: [1, 2]\n',
    });
    const api = await entity(app, 'api', 'orders-api');
    expect(api?.spec?.definition).toBe('openapi: 3.0.0\ninfo: { title: Orders }\n');
    expect(api?.spec?.extra).toEqual({ a: [1, 2] });
    expect(api?.metadata.annotations?.['example.com/meta']).toBe('from-json');
  });

  it('refuses a bad document alone, with file and line, and ingests the rest of the file', async () => {
    await start({
      'catalog/mixed.yaml': `${component('good-one')}---\n${component('Bad_Name_', 'owner: team-a')}---\n${component('good-two')}`,
    });
    expect(await entity(app, 'component', 'good-one')).toBeDefined();
    expect(await entity(app, 'component', 'good-two')).toBeDefined();
    const [status] = await locationStatus(app);
    expect(status.status.errors).toEqual([
      expect.objectContaining({
        file: path.join(root, 'catalog/mixed.yaml'),
        document: 2,
        line: 13,
        field: 'metadata.name',
        message: expect.stringMatching(/1-63 characters/),
      }),
    ]);
    // The problem is also on the registered location's entity, for the UI.
    const locationEntity = await get<Entity[]>(app, '/api/catalog/entities?filter=kind=location');
    expect(locationEntity.body[0].status?.items?.[0]).toMatchObject({ type: 'backstage.io/catalog-processing', level: 'error' });
  });

  it('keeps the last good version of an entity whose new version is invalid, with the error on it', async () => {
    await start({ 'catalog/svc.yaml': component('svc-one', 'owner: team-a', '  description: first\n') });
    write('catalog/svc.yaml', component('svc-one', 'owner: 42', '  description: second\n'));
    await refreshAll(app);
    const svc = await entity(app, 'component', 'svc-one');
    expect(svc?.metadata.description).toBe('first');
    expect(svc?.status?.items).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('spec.owner') })]);
    expect(svc?.metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
    // Fixing the file clears the error and takes the new version.
    write('catalog/svc.yaml', component('svc-one', 'owner: team-a', '  description: third\n'));
    await refreshAll(app);
    const fixed = await entity(app, 'component', 'svc-one');
    expect(fixed?.metadata.description).toBe('third');
    expect(fixed?.status).toBeUndefined();
  });

  it('keeps every entity of a file whose YAML no longer parses, and reports the line', async () => {
    await start({ 'catalog/svc.yaml': `${component('svc-one')}---\n${component('svc-two')}` });
    write('catalog/svc.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n');
    await refreshAll(app);
    expect(await entity(app, 'component', 'svc-one')).toBeDefined();
    expect((await entity(app, 'component', 'svc-two'))?.metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
    const [status] = await locationStatus(app);
    expect(status.status.errors).toEqual([expect.objectContaining({ line: expect.any(Number), message: expect.stringMatching(/YAML/) })]);
  });

  it('refuses a YAML alias bomb quickly and keeps serving', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const started = Date.now();
    await start({ 'catalog/bomb.yaml': bomb.join('\n') + '\n', 'catalog/ok.yaml': component('svc-one') });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await entity(app, 'component', 'svc-one')).toBeDefined();
    const [status] = await locationStatus(app);
    expect(status.status.errors[0].message).toMatch(/alias/i);
  });

  it('refuses unknown kinds, non-object documents and entities over the size limit, naming each', async () => {
    await start(
      {
        'catalog/odd.yaml': `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {}\n---\n- just\n- a list\n---\n${component('huge', 'owner: team-a', `  description: ${'x'.repeat(3000)}\n`)}---\n${component('fine')}`,
      },
      { maxEntitySize: 2048 },
    );
    expect(await entity(app, 'component', 'fine')).toBeDefined();
    expect(await entity(app, 'component', 'huge')).toBeUndefined();
    const messages = (await locationStatus(app))[0].status.errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/Unknown kind "Widget"/);
    expect(messages).toMatch(/expected an entity/);
    expect(messages).toMatch(/over the limit of 2048 bytes/);
  });

  it('accepts a custom kind once its schema is registered in config', async () => {
    await start(
      { 'catalog/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n' },
      {
        rules: [{ allow: [...ALL_KINDS, 'Widget'] }],
        customKinds: [
          {
            kind: 'Widget',
            apiVersions: ['example.com/v1'],
            schema: { type: 'object', required: ['size'], properties: { size: { type: 'number' } } },
          },
        ],
      },
    );
    expect((await entity(app, 'widget', 'w'))?.spec).toEqual({ size: 3 });
  });

  it('flags an entity removed from its source as an orphan, keeps it, and lets it be deleted', async () => {
    await start({ 'catalog/svc.yaml': `${component('svc-one')}---\n${component('svc-two')}` });
    write('catalog/svc.yaml', component('svc-one'));
    await refreshAll(app);
    const orphan = await entity(app, 'component', 'svc-two');
    expect(orphan?.metadata.annotations?.['backstage.io/orphan']).toBe('true');
    const orphans = await get<Entity[]>(app, '/api/catalog/entities?filter=metadata.annotations.backstage.io/orphan=true');
    expect(orphans.body.map((e) => e.metadata.name)).toEqual(['svc-two']);
    const del = await app.http.inject({ method: 'DELETE', url: `/api/catalog/entities/by-uid/${orphan!.metadata.uid}` });
    expect(del.statusCode).toBe(204);
    expect(await entity(app, 'component', 'svc-two')).toBeUndefined();
    // Back in the file, it comes back as a regular entity.
    write('catalog/svc.yaml', `${component('svc-one')}---\n${component('svc-two')}`);
    await refreshAll(app);
    expect((await entity(app, 'component', 'svc-two'))?.metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
  });

  it('does not process a source again while its content is unchanged', async () => {
    await start({ 'catalog/a.yaml': component('svc-one'), 'catalog/b.yaml': component('svc-two') });
    const before = await entity(app, 'component', 'svc-one');
    await refreshAll(app);
    let [status] = await locationStatus(app);
    expect(status.status.sources).toEqual({ processed: 0, unchanged: 2, failed: 0 });
    expect((await entity(app, 'component', 'svc-one'))?.metadata.etag).toBe(before?.metadata.etag);
    write('catalog/b.yaml', component('svc-two', 'owner: team-b'));
    await refreshAll(app);
    [status] = await locationStatus(app);
    expect(status.status.sources).toEqual({ processed: 1, unchanged: 1, failed: 0 });
    expect((await entity(app, 'component', 'svc-two'))?.spec?.owner).toBe('team-b');
  });

  it('refuses the second claim on an entity ref and keeps the first owner', async () => {
    await start({ 'catalog/svc.yaml': component('svc-one', 'owner: team-a', '  description: from config\n') });
    write('elsewhere/svc.yaml', component('svc-one', 'owner: team-b', '  description: hijack\n'));
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/locations',
      payload: { type: 'file', target: path.join(root, 'elsewhere/svc.yaml') },
    });
    expect(res.statusCode).toBe(201);
    expect((await entity(app, 'component', 'svc-one'))?.metadata.description).toBe('from config');
    const statuses = await locationStatus(app);
    const second = statuses.find((s) => s.target.endsWith('elsewhere/svc.yaml'));
    expect(second?.status.errors[0].message).toMatch(/already provided by location file:.*catalog\/\*\.yaml/);
  });

  it('registers a location through the API, queryable at once, and unregistering removes its entities', async () => {
    await start({ 'catalog/org.yaml': group('team-a') });
    write('new/svc.yaml', component('fresh'));
    const target = path.join(root, 'new/svc.yaml');
    const dry = await app.http.inject({ method: 'POST', url: '/api/catalog/locations?dryRun=true', payload: { type: 'file', target } });
    expect(dry.statusCode).toBe(201);
    expect(dry.json().entities.map((e: Entity) => e.metadata.name)).toContain('fresh');
    expect(await entity(app, 'component', 'fresh')).toBeUndefined();

    const created = await app.http.inject({ method: 'POST', url: '/api/catalog/locations', payload: { type: 'file', target } });
    expect(created.statusCode).toBe(201);
    const fresh = await entity(app, 'component', 'fresh');
    expect(fresh?.relations).toEqual([expect.objectContaining({ type: 'ownedBy', targetRef: 'group:default/team-a' })]);
    expect((await entity(app, 'group', 'team-a'))?.relations).toEqual([
      expect.objectContaining({ type: 'ownerOf', targetRef: 'component:default/fresh' }),
    ]);

    const again = await app.http.inject({ method: 'POST', url: '/api/catalog/locations', payload: { type: 'file', target } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.name).toBe('ConflictError');

    const id = created.json().location.id;
    const byEntity = await get<{ id: string }>(app, '/api/catalog/locations/by-entity/component/default/fresh');
    expect(byEntity.body.id).toBe(id);
    expect((await app.http.inject({ method: 'DELETE', url: `/api/catalog/locations/${id}` })).statusCode).toBe(204);
    expect(await entity(app, 'component', 'fresh')).toBeUndefined();
    expect((await entity(app, 'group', 'team-a'))?.relations).toEqual([]);
  });

  it('records a location that cannot be read on the location, and keeps serving', async () => {
    await start({ 'catalog/org.yaml': group('team-a') });
    const target = path.join(root, 'missing/nothing.yaml');
    const created = await app.http.inject({ method: 'POST', url: '/api/catalog/locations', payload: { type: 'file', target } });
    expect(created.statusCode).toBe(201);
    const statuses = await locationStatus(app);
    expect(statuses.find((s) => s.target === target)?.status.errors[0].message).toMatch(/not found|no such|does not exist/i);
    expect(await entity(app, 'group', 'team-a')).toBeDefined();
  });

  it('refuses to read files outside the configured roots', async () => {
    await start({ 'catalog/org.yaml': group('team-a') });
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/locations?dryRun=true',
      payload: { type: 'file', target: '/etc/passwd' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().errors[0].message).toMatch(/\/etc\/passwd.*outside the file roots/);
    expect(res.json().entities).toEqual([]);
  });

  it('reads large files through the parser worker, with lines for their problems', async () => {
    // Over the worker's inline threshold (4 KB), so parsing happens off the main thread.
    const many = Array.from({ length: 40 }, (_, i) => component(`bulk-${i}`)).join('---\n');
    const broken = `${many}---\n${component('bad', 'owner: [unclosed')}`;
    await start({ 'catalog/many.yaml': many, 'catalog/broken.yaml': broken });
    expect(await entity(app, 'component', 'bulk-39')).toBeDefined();
    const [status] = await locationStatus(app);
    expect(status.status.errors).toEqual([
      expect.objectContaining({ file: path.join(root, 'catalog/broken.yaml'), line: expect.any(Number) }),
    ]);
    expect(status.status.errors[0].line).toBeGreaterThan(300);
  });

  it('answers facets from a cache that a catalog change clears at once', async () => {
    await start({ 'catalog/a.yaml': component('svc-one') });
    const facets = async () =>
      (
        await get<{ facets: { 'spec.lifecycle': Array<{ value: string; count: number }> } }>(
          app,
          '/api/catalog/entity-facets?facet=spec.lifecycle',
        )
      ).body.facets['spec.lifecycle'];
    expect(await facets()).toEqual([{ value: 'production', count: 1 }]);
    write('catalog/b.yaml', component('svc-two').replace('production', 'experimental'));
    await refreshAll(app);
    expect(await facets()).toEqual([
      { value: 'experimental', count: 1 },
      { value: 'production', count: 1 },
    ]);
  });

  it('removes entities of a file that was deleted as orphans, not silently', async () => {
    await start({ 'catalog/a.yaml': component('svc-one'), 'catalog/b.yaml': component('svc-two') });
    rmSync(path.join(root, 'catalog/b.yaml'));
    await refreshAll(app);
    expect((await entity(app, 'component', 'svc-two'))?.metadata.annotations?.['backstage.io/orphan']).toBe('true');
    expect((await entity(app, 'component', 'svc-one'))?.metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
  });
});
