import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@greenroom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';

/** 30 components over 3 teams, with tags, so filters, order and pages have something to chew on. */
function fixture(): string {
  const docs: string[] = [];
  for (const team of ['team-a', 'team-b', 'team-c']) {
    docs.push(`apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${team}\nspec:\n  type: team\n  children: []\n`);
  }
  for (let i = 0; i < 30; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    const team = ['team-a', 'team-b', 'team-c'][i % 3];
    const tags = i % 2 === 0 ? '[java]' : '[go, grpc]';
    const title = i % 5 === 0 ? `\n  title: Payments ${i}` : '';
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}${title}\n  tags: ${tags}\nspec:\n  type: ${i < 20 ? 'service' : 'website'}\n  lifecycle: ${i % 4 === 0 ? 'experimental' : 'production'}\n  owner: ${team}\n`,
    );
  }
  return docs.join('---\n');
}

describe.each(await availableEngines())('catalog API on %s', (engine) => {
  let app: TestApp;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-api-'));
    mkdirSync(path.join(root, 'catalog'));
    writeFileSync(path.join(root, 'catalog/all.yaml'), fixture());
    app = await createTestApp(
      engine,
      {
        catalog: {
          rules: [{ allow: ['Component', 'Group', 'Location'] }],
          locations: [{ type: 'file', target: './catalog/all.yaml' }],
          refresh: { intervalSeconds: 0 },
        },
      },
      { rootDir: root },
    );
    await app.start();
    await waitForIngestion(app);
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  const get = async (url: string) => {
    const res = await app.http.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  const post = async (url: string, payload: unknown) => {
    const res = await app.http.inject({ method: 'POST', url, payload: payload as object });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
  const names = (items: Entity[]) => items.map((e) => e.metadata.name);

  describe('filters', () => {
    it('ORs several filter params, ANDs conditions inside one, and ORs a repeated key', async () => {
      const and = await get('/api/catalog/entities?filter=kind=component,spec.type=website');
      expect(names(and.body)).toHaveLength(10);
      const or = await get('/api/catalog/entities?filter=kind=group&filter=metadata.name=svc-01');
      expect(names(or.body).sort()).toEqual(['svc-01', 'team-a', 'team-b', 'team-c']);
      const repeated = await get('/api/catalog/entities?filter=metadata.name=svc-01,metadata.name=svc-02');
      expect(names(repeated.body).sort()).toEqual(['svc-01', 'svc-02']);
    });

    it('matches keys and values case-insensitively, and a bare key means "exists"', async () => {
      const res = await get('/api/catalog/entities?filter=KIND=Component,Metadata.Name=SVC-03');
      expect(names(res.body)).toEqual(['svc-03']);
      const titled = await get('/api/catalog/entities?filter=metadata.title');
      expect(names(titled.body).sort()).toEqual(['svc-00', 'svc-05', 'svc-10', 'svc-15', 'svc-20', 'svc-25']);
    });

    it('filters on tags as existence keys and on relations by full ref', async () => {
      const grpc = await get('/api/catalog/entities?filter=metadata.tags.grpc');
      expect(names(grpc.body)).toHaveLength(15);
      const owned = await get('/api/catalog/entities?filter=relations.ownedBy=group:default/team-b');
      expect(names(owned.body)).toHaveLength(10);
      expect(names(owned.body)).toContain('svc-01');
    });

    it('matches nothing for unknown keys, and leaves unknown fields out of projections', async () => {
      expect((await get('/api/catalog/entities?filter=spec.nonsense=1')).body).toEqual([]);
      const projected = await get('/api/catalog/entities?filter=metadata.name=svc-01&fields=kind,metadata.name,spec.nothing');
      expect(projected.body).toEqual([{ kind: 'Component', metadata: { name: 'svc-01' } }]);
    });

    it('pages GET /entities with offset, limit and a Link header', async () => {
      const page = await get('/api/catalog/entities?filter=kind=component&order=asc:metadata.name&limit=5&offset=5&fields=metadata.name');
      expect(names(page.body)).toEqual(['svc-05', 'svc-06', 'svc-07', 'svc-08', 'svc-09']);
      expect(page.headers.link).toMatch(/after=.*rel="next"/);
      const desc = await get('/api/catalog/entities?filter=kind=component&order=desc:metadata.name&limit=2&fields=metadata.name');
      expect(names(desc.body)).toEqual(['svc-29', 'svc-28']);
    });
  });

  describe('queries with cursors', () => {
    it('pages forward to the end and back again, visiting each entity once, with a stable total', async () => {
      let res = await get('/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,desc&limit=7');
      expect(res.body.totalItems).toBe(30);
      expect(res.body.pageInfo.prevCursor).toBeUndefined();
      const seen: string[] = [...names(res.body.items)];
      const cursors: string[] = [];
      while (res.body.pageInfo.nextCursor) {
        cursors.push(res.body.pageInfo.nextCursor);
        res = await get(`/api/catalog/entities/by-query?cursor=${encodeURIComponent(res.body.pageInfo.nextCursor)}&limit=7`);
        expect(res.body.totalItems).toBe(30);
        seen.push(...names(res.body.items));
      }
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `svc-${String(29 - i).padStart(2, '0')}`));
      // The last page leads back to the one before it.
      const back = await get(`/api/catalog/entities/by-query?cursor=${encodeURIComponent(res.body.pageInfo.prevCursor)}&limit=7`);
      expect(names(back.body.items)).toEqual(seen.slice(21, 28));
      expect(back.body.pageInfo.nextCursor).toBeDefined();
    });

    it('orders by a field from the search index with nulls last', async () => {
      const res = await get(
        '/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.title,asc&limit=8&fields=metadata.name',
      );
      expect(names(res.body.items).slice(0, 6)).toEqual(['svc-00', 'svc-10', 'svc-15', 'svc-20', 'svc-25', 'svc-05']);
    });

    it('filters by a full-text term over the named fields', async () => {
      const res = await get('/api/catalog/entities/by-query?fullTextFilterTerm=PAYMENTS%201&fullTextFilterFields=metadata.title&limit=50');
      expect(names(res.body.items).sort()).toEqual(['svc-10', 'svc-15']);
      expect(res.body.totalItems).toBe(2);
    });

    it('answers predicate queries by POST, with $all/$any/$not/$in/$hasPrefix/$contains', async () => {
      const res = await post('/api/catalog/entities/by-query', {
        query: {
          $all: [
            { kind: 'component' },
            { $any: [{ 'metadata.tags': { $contains: 'java' } }, { 'metadata.name': { $in: ['svc-01'] } }] },
            { $not: { 'spec.lifecycle': 'experimental' } },
            { 'metadata.name': { $hasPrefix: 'SVC-0' } },
            { relations: { $contains: { type: 'ownedBy', targetRef: { $in: ['group:default/team-a', 'group:default/team-c'] } } } },
          ],
        },
        orderBy: [{ field: 'metadata.name', order: 'asc' }],
        fields: ['metadata.name'],
      });
      expect(res.status).toBe(200);
      expect(names(res.body.items)).toEqual(['svc-02', 'svc-06']);
      // A predicate cursor carries the query, so Backstage's client routes the next page to POST.
      const paged = await post('/api/catalog/entities/by-query', { query: { kind: 'component' }, limit: 10 });
      const cursor = JSON.parse(Buffer.from(paged.body.pageInfo.nextCursor, 'base64').toString());
      expect(cursor).toHaveProperty('query');
      const plain = await get('/api/catalog/entities/by-query?filter=kind=component&limit=10');
      expect(JSON.parse(Buffer.from(plain.body.pageInfo.nextCursor, 'base64').toString())).not.toHaveProperty('query');
    });

    it('answers an empty predicate query, or none, with every entity', async () => {
      const all = await get('/api/catalog/entities/by-query?limit=5');
      for (const body of [{}, { query: {} }, { query: { $all: [] } }]) {
        const res = await post('/api/catalog/entities/by-query', { ...body, limit: 5 });
        expect(res.status).toBe(200);
        expect(res.body.totalItems).toBe(all.body.totalItems);
      }
    });

    it('counts facets with the value as written, each array item on its own', async () => {
      const res = await get('/api/catalog/entity-facets?facet=kind&facet=metadata.tags&filter=kind=component');
      expect(res.body.facets.kind).toEqual([{ value: 'Component', count: 30 }]);
      expect(res.body.facets['metadata.tags']).toEqual([
        { value: 'go', count: 15 },
        { value: 'grpc', count: 15 },
        { value: 'java', count: 15 },
      ]);
      const byPost = await post('/api/catalog/entity-facets', { facets: ['spec.type'], query: { kind: 'component' } });
      expect(byPost.body.facets['spec.type']).toEqual([
        { value: 'service', count: 20 },
        { value: 'website', count: 10 },
      ]);
    });

    it('answers by-refs in input order with null for misses', async () => {
      const res = await post('/api/catalog/entities/by-refs', {
        entityRefs: ['component:default/svc-02', 'component:default/nope', 'svc-01', 'Component:Default/SVC-03'],
        fields: ['metadata.name'],
      });
      expect(res.body.items).toEqual([{ metadata: { name: 'svc-02' } }, null, null, { metadata: { name: 'svc-03' } }]);
    });
  });

  describe('bad requests get a 400 with a message, never a 500', () => {
    it.each([
      ['a non-numeric limit', '/api/catalog/entities/by-query?limit=ten'],
      ['a malformed cursor', '/api/catalog/entities/by-query?cursor=not-a-cursor'],
      ['a cursor with the wrong shape', `/api/catalog/entities/by-query?cursor=${Buffer.from('{"a":1}').toString('base64')}`],
      ['an empty filter condition', '/api/catalog/entities?filter=kind=component,,'],
      ['a bad orderField', '/api/catalog/entities/by-query?orderField=metadata.name,sideways'],
      ['a bad order', '/api/catalog/entities?order=metadata.name'],
      ['facets without a facet', '/api/catalog/entity-facets'],
      ['a negative offset', '/api/catalog/entities?offset=-1'],
    ])('%s', async (_label, url) => {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toBeTruthy();
    });

    it.each([
      ['malformed JSON', '/api/catalog/entities/by-refs', '{"entityRefs": [', 400],
      ['unknown keys in a body', '/api/catalog/entities/by-refs', JSON.stringify({ entityRefs: [], extra: 1 }), 400],
      ['a location without a target', '/api/catalog/locations', JSON.stringify({ type: 'url' }), 400],
      ['a predicate with an unknown operator', '/api/catalog/entities/by-query', JSON.stringify({ query: { kind: { $regex: 'x' } } }), 400],
      ['a refresh of an unknown entity', '/api/catalog/refresh', JSON.stringify({ entityRef: 'component:default/none' }), 404],
      ['a refresh with an invalid ref', '/api/catalog/refresh', JSON.stringify({ entityRef: 'a:b:c' }), 400],
    ])('%s', async (_label, url, payload, status) => {
      const res = await app.http.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(status);
      expect(res.json().error.message).toBeTruthy();
    });

    it('answers unknown entities and locations with NotFoundError', async () => {
      for (const url of [
        '/api/catalog/entities/by-name/component/default/none',
        '/api/catalog/entities/by-uid/none',
        '/api/catalog/locations/none',
      ]) {
        const res = await get(url);
        expect(res.status).toBe(404);
        expect(res.body.error.name).toBe('NotFoundError');
      }
    });
  });

  it('validates an entity the way ingestion does', async () => {
    const ok = await post('/api/catalog/validate-entity', {
      location: 'url:https://example.com/catalog-info.yaml',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      },
    });
    expect(ok.status).toBe(200);
    const bad = await post('/api/catalog/validate-entity', {
      location: 'url:https://example.com/catalog-info.yaml',
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { message: string }) => e.message)).toEqual(['spec.lifecycle: is required', 'spec.owner: is required']);
  });
});
