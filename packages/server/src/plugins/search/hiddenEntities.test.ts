import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../core/config';
import { guestPrincipal, type Identity, type Principal } from '../../core/identity';
import type { PermissionPolicy } from '../../core/permissions';
import { definePlugin } from '../../core/plugin';
import { createConfigPolicy } from '../../core/policy';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { builtInPlugins } from '..';
import { searchCollators } from './extensions';

const TEAMS: Record<string, string> = {
  alice: 'group:default/team-a',
  bob: 'group:default/team-b',
  carol: 'group:default/team-a',
  dave: 'group:default/team-b',
  erin: 'group:default/team-a',
};

/** The caller named by the `x-test-user` header (a member of their team); the guest when absent. */
const headerIdentity: Identity = {
  async resolve(request): Promise<Principal> {
    const who = request.headers['x-test-user'];
    if (typeof who !== 'string') return guestPrincipal;
    const userEntityRef = `user:default/${who}`;
    return { type: 'user', userEntityRef, ownershipEntityRefs: [userEntityRef, ...(TEAMS[who] ? [TEAMS[who]] : [])], displayName: who };
  },
};

/**
 * carol reads only what her team owns, dave no entity at all; for everyone else a Resource is
 * hidden from all but its owners and everything else is readable.
 */
const permission = {
  roles: { 'owners-only': ['user:default/carol'], 'no-entities': ['user:default/dave'] },
  rules: [
    { permissions: ['catalog.entity.read'], roles: ['owners-only'], if: { isEntityOwner: true }, decision: 'allow' },
    { permissions: ['catalog.entity.read'], roles: ['owners-only', 'no-entities'], decision: 'deny' },
    {
      permissions: ['catalog.entity.read'],
      if: { allOf: [{ isEntityKind: ['Resource'] }, { not: { isEntityOwner: true } }] },
      decision: 'deny',
    },
    { permissions: ['catalog.entity.read', 'catalog.location.read', 'search.*'], decision: 'allow' },
  ],
  default: 'deny',
};

/**
 * The config's policy, except that erin's reads of entities come with a condition the catalog does
 * not know (as a hand-written policy could answer).
 */
function testPolicy(root: string): PermissionPolicy {
  const configPolicy = createConfigPolicy(parseConfig({ permission }, { rootDir: root, env: {} }).permission!);
  return {
    decide: (principal, perm, resourceRef) =>
      principal.userEntityRef === 'user:default/erin' && perm.name === 'catalog.entity.read'
        ? { resourceType: 'catalog-entity', conditions: { rule: 'isOnCall', params: {} } }
        : configPolicy.decide(principal, perm, resourceRef),
  };
}

/**
 * Eight `vault-N` resources, even ones owned by team-a and odd ones by team-b, so hidden ones sit
 * between visible ones. The odd ones alone carry the tag `beta` and the type `bucket`.
 */
const VAULTS = Array.from({ length: 8 }, (_, i) => ({
  name: `vault-${i}`,
  owner: i % 2 === 0 ? 'group:team-a' : 'group:team-b',
  type: i % 2 === 0 ? 'database' : 'bucket',
  tags: ['vault', i % 2 === 0 ? 'alpha' : 'beta'],
}));
const TEAM_A_VAULTS = ['resource:default/vault-0', 'resource:default/vault-2', 'resource:default/vault-4', 'resource:default/vault-6'];

function writeCatalog(root: string): void {
  const docs = [
    ...VAULTS.map(({ name, owner, type, tags }) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, description: 'A vault of secrets', tags },
      spec: { type, owner },
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

/** One document about no entity, which every caller may see. */
const handbookPlugin = definePlugin({
  id: 'handbook',
  register(ctx) {
    ctx.contribute(searchCollators, {
      type: 'handbook',
      async *all() {
        yield {
          key: 'vaults',
          title: 'Vault handbook',
          text: 'How we run a vault',
          location: '/handbook/vaults',
          fields: {},
          filters: { tag: ['vault'] },
        };
      },
    });
  },
});

interface Facet {
  value: string;
  count: number;
}

interface SearchBody {
  results: Array<{ type: string; document: { entityRef?: string } }>;
  numberOfResults: number;
  nextPageCursor?: string;
  facets?: Record<string, Facet[]>;
}

describe.each(await availableEngines())('search hides entities the caller may not read on %s', (engine) => {
  let app: TestApp;

  const search = async (user: string | undefined, query: string): Promise<SearchBody> => {
    const res = await app.http.inject({ method: 'GET', url: `/api/search/query?${query}`, headers: user ? { 'x-test-user': user } : {} });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const refs = (body: SearchBody) => body.results.flatMap((r) => (r.document.entityRef ? [r.document.entityRef] : []));
  const types = (body: SearchBody) => body.results.map((r) => r.type);
  const values = (facet: Facet[] | undefined) => (facet ?? []).map((f) => f.value);

  /** Every result of `query` for `user`, page by page, checking that each page but the last is full. */
  const walk = async (user: string, query: string, pageLimit: number) => {
    const pages: SearchBody[] = [];
    let body = await search(user, `${query}&pageLimit=${pageLimit}`);
    for (;;) {
      pages.push(body);
      if (!body.nextPageCursor) break;
      expect(body.results).toHaveLength(pageLimit);
      body = await search(user, `${query}&pageLimit=${pageLimit}&pageCursor=${body.nextPageCursor}`);
    }
    return pages;
  };

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
      },
      { rootDir: root, identity: headerIdentity, policy: testPolicy(root), plugins: [...builtInPlugins, handbookPlugin] },
    );
    await app.start();
    await waitForIngestion(app);
    // The index follows the catalog in the background, and its first full build switches generations
    // once done: wait for that build, then for every vault with its owner.
    const deadline = Date.now() + 10_000;
    const ownVaults = async (user: string, team: string) =>
      (await search(user, `filters[kind]=resource&filters[owner]=group:default/${team}`)).numberOfResults === VAULTS.length / 2;
    const settled = async () => {
      const status = (await app.http.inject({ method: 'GET', url: '/api/search/status', headers: { 'x-test-user': 'alice' } })).json();
      return (
        status.generation > 0 &&
        status.documents.handbook === 1 &&
        (await ownVaults('alice', 'team-a')) &&
        (await ownVaults('bob', 'team-b'))
      );
    };
    while (!(await settled()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  });

  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  it('never shows a hidden entity, whatever the query', async () => {
    const alice = await search('alice', 'term=vault&pageLimit=100');
    expect(refs(alice).sort()).toEqual(['component:default/vault-browser', ...TEAM_A_VAULTS]);
    expect(types(alice)).toContain('handbook');
    expect(refs(await search('alice', 'term=vault-1'))).not.toContain('resource:default/vault-1');
    expect(refs(await search(undefined, 'term=vault&pageLimit=100'))).toEqual(['component:default/vault-browser']);
  });

  it('shows the owners their entities', async () => {
    expect(refs(await search('bob', 'term=vault-1'))).toContain('resource:default/vault-1');
  });

  it('counts only the results the caller may see', async () => {
    const alice = await search('alice', 'term=vault&filters[kind]=resource');
    expect(refs(alice).sort()).toEqual(TEAM_A_VAULTS);
    expect(alice.numberOfResults).toBe(4);
    expect((await search('alice', 'term=vault&pageLimit=100')).numberOfResults).toBe(6);
    // Without words (another way through the index): the same.
    expect((await search('alice', 'filters[kind]=resource')).numberOfResults).toBe(4);
    const guest = await search(undefined, 'term=vault');
    expect(guest.numberOfResults).toBe(2);
    expect(guest.results).toHaveLength(2);
  });

  it('counts facet values over the visible results only', async () => {
    const { facets } = await search('alice', 'term=vault&facets=true');
    // `beta` and `bucket` are on the hidden (odd) vaults only.
    expect(values(facets?.tag)).not.toContain('beta');
    expect(values(facets?.type)).not.toContain('bucket');
    expect(facets?.tag).toContainEqual({ value: 'alpha', count: 4 });
    // The visible vaults and the handbook.
    expect(facets?.tag).toContainEqual({ value: 'vault', count: 5 });
    expect(facets?.kind).toEqual([
      { value: 'resource', count: 4 },
      { value: 'component', count: 1 },
    ]);
    const bob = (await search('bob', 'term=vault&facets=true')).facets;
    expect(values(bob?.tag)).not.toContain('alpha');
    expect(bob?.tag).toContainEqual({ value: 'beta', count: 4 });
  });

  it('shows a user who may read only what their team owns exactly that, with exact counts and facets', async () => {
    const carol = await search('carol', 'term=vault&facets=true&pageLimit=100');
    expect(refs(carol).sort()).toEqual(TEAM_A_VAULTS);
    expect(types(carol).filter((t) => t === 'handbook')).toHaveLength(1);
    expect(carol.numberOfResults).toBe(carol.results.length);
    // team-b owns the hidden vaults and the hidden vault-browser: no trace of it.
    expect(carol.facets?.owner).toEqual([{ value: 'group:default/team-a', count: 4 }]);
    expect(carol.facets?.kind).toEqual([{ value: 'resource', count: 4 }]);
    expect(values(carol.facets?.type)).toEqual(['database']);
    expect(values(carol.facets?.lifecycle)).toEqual([]);
  });

  it('pages through exactly the visible results', async () => {
    for (const [user, query, expected] of [
      ['alice', 'term=vault&filters[kind]=resource', TEAM_A_VAULTS],
      ['carol', 'term=vault&types[]=software-catalog', TEAM_A_VAULTS],
      ['carol', 'filters[kind]=resource', TEAM_A_VAULTS],
    ] as const) {
      const pages = await walk(user, query, 3);
      expect(pages.map((page) => page.results.length)).toEqual([3, 1]);
      expect(pages.every((page) => page.numberOfResults === expected.length)).toBe(true);
      const seen = pages.flatMap(refs);
      expect(seen.sort()).toEqual([...expected]);
    }
  });

  it('shows a user denied every entity only the documents about none', async () => {
    const dave = await search('dave', 'term=vault&facets=true');
    expect(dave.results.map((r) => r.type)).toEqual(['handbook']);
    expect(dave.numberOfResults).toBe(1);
    expect(dave.facets?.kind).toEqual([]);
    expect(dave.facets?.owner).toEqual([]);
    expect(dave.facets?.tag).toEqual([{ value: 'vault', count: 1 }]);
    const catalogOnly = await search('dave', 'types[]=software-catalog');
    expect(catalogOnly.results).toEqual([]);
    expect(catalogOnly.numberOfResults).toBe(0);
    expect(catalogOnly.nextPageCursor).toBeUndefined();
  });

  it('shows no entity when the policy answers with a condition the catalog does not know', async () => {
    const erin = await search('erin', 'term=vault');
    expect(types(erin)).toEqual(['handbook']);
    expect(erin.numberOfResults).toBe(1);
  });
});
