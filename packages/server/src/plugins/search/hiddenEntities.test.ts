import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { guestPrincipal, type Identity, type Principal } from '../../core/identity';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';

const TEAMS: Record<string, string> = { alice: 'group:default/team-a', bob: 'group:default/team-b' };

/** The caller named by the `x-test-user` header (a member of their team); the guest when absent. */
const headerIdentity: Identity = {
  async resolve(request): Promise<Principal> {
    const who = request.headers['x-test-user'];
    if (typeof who !== 'string') return guestPrincipal;
    const userEntityRef = `user:default/${who}`;
    return { type: 'user', userEntityRef, ownershipEntityRefs: [userEntityRef, ...(TEAMS[who] ? [TEAMS[who]] : [])], displayName: who };
  },
};

/** A Resource is hidden from all but its owners; everything else is readable. */
const permission = {
  rules: [
    {
      permissions: ['catalog.entity.read'],
      if: { allOf: [{ isEntityKind: ['Resource'] }, { not: { isEntityOwner: true } }] },
      decision: 'deny',
    },
    { permissions: ['catalog.entity.read', 'catalog.location.read', 'search.*'], decision: 'allow' },
  ],
  default: 'deny',
};

/** Eight `vault-N` resources, even ones owned by team-a and odd ones by team-b, so hidden ones sit between visible ones. */
const VAULTS = Array.from({ length: 8 }, (_, i) => ({ name: `vault-${i}`, owner: i % 2 === 0 ? 'group:team-a' : 'group:team-b' }));

function writeCatalog(root: string): void {
  const docs = [
    ...VAULTS.map(({ name, owner }) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, description: 'A vault of secrets' },
      spec: { type: 'database', owner },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'vault-browser', description: 'Browses vaults' },
      spec: { type: 'website', lifecycle: 'production', owner: 'group:team-b' },
    },
  ];
  writeFileSync(path.join(root, 'catalog.yaml'), docs.map((doc) => stringify(doc)).join('---\n'));
}

interface SearchBody {
  results: Array<{ document: { entityRef?: string } }>;
  numberOfResults: number;
  nextPageCursor?: string;
}

describe.each(await availableEngines())('search hides entities the caller may not read on %s', (engine) => {
  let app: TestApp;

  const search = async (user: string | undefined, query: string): Promise<SearchBody> => {
    const res = await app.http.inject({ method: 'GET', url: `/api/search/query?${query}`, headers: user ? { 'x-test-user': user } : {} });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const refs = (body: SearchBody) => body.results.map((r) => r.document.entityRef);

  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-search-hidden-'));
    writeCatalog(root);
    app = await createTestApp(
      engine,
      {
        catalog: {
          locations: [{ type: 'file', target: './catalog.yaml' }],
          refresh: { intervalSeconds: 0 },
          rules: [{ allow: ['Component', 'Resource'] }],
        },
        permission,
      },
      { rootDir: root, identity: headerIdentity },
    );
    await app.start();
    await waitForIngestion(app);
    // The index follows the catalog in the background, and its first full build switches generations
    // once done: wait for that build, then for every vault.
    const deadline = Date.now() + 10_000;
    const settled = async () => {
      const status = (await app.http.inject({ method: 'GET', url: '/api/search/status', headers: { 'x-test-user': 'alice' } })).json();
      return status.generation > 0 && (await search('alice', 'term=vault&filters[kind]=resource')).numberOfResults === VAULTS.length;
    };
    while (!(await settled()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  it('never shows a hidden entity, whatever the query', async () => {
    const alice = refs(await search('alice', 'term=vault&pageLimit=100'));
    expect(alice.sort()).toEqual([
      'component:default/vault-browser',
      'resource:default/vault-0',
      'resource:default/vault-2',
      'resource:default/vault-4',
      'resource:default/vault-6',
    ]);
    expect(refs(await search('alice', 'term=vault-1'))).not.toContain('resource:default/vault-1');
    expect(refs(await search(undefined, 'term=vault&pageLimit=100'))).toEqual(['component:default/vault-browser']);
  });

  it('shows the owners their entities', async () => {
    expect(refs(await search('bob', 'term=vault-1'))).toContain('resource:default/vault-1');
  });

  it('fills each page with visible results and pages on without skipping or repeating any', async () => {
    const seen: string[] = [];
    let body = await search('alice', 'term=vault&filters[kind]=resource&pageLimit=2');
    for (;;) {
      seen.push(...refs(body).map(String));
      if (!body.nextPageCursor) break;
      expect(body.results).toHaveLength(2);
      body = await search('alice', `term=vault&filters[kind]=resource&pageLimit=2&pageCursor=${body.nextPageCursor}`);
    }
    expect(seen.sort()).toEqual([
      'resource:default/vault-0',
      'resource:default/vault-2',
      'resource:default/vault-4',
      'resource:default/vault-6',
    ]);
  });
});
