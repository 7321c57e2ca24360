import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import { RELATION_PAIRS, deriveRelations, reverseRelationType } from './relations';
import { parseCatalogYaml } from './yaml';

function entity(yaml: string): Entity {
  return parseCatalogYaml(yaml, 'test.yaml')[0].value as Entity;
}

/** Relations as `source type target` lines, for readable expectations. */
function lines(e: Entity): string[] {
  return deriveRelations(e).map((r) => `${r.source} ${r.type} ${r.target}`);
}

describe('reverseRelationType', () => {
  it('pairs every well-known relation both ways', () => {
    expect(RELATION_PAIRS).toHaveLength(7);
    for (const [a, b] of RELATION_PAIRS) {
      expect(reverseRelationType(a)).toBe(b);
      expect(reverseRelationType(b)).toBe(a);
    }
    expect(reverseRelationType('ownedBy')).toBe('ownerOf');
    expect(reverseRelationType('scaffoldedFrom')).toBeUndefined();
  });
});

describe('deriveRelations', () => {
  it('emits every Component relation in both directions, with default kinds and the entity namespace', () => {
    const component = entity(`
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Artist-Web
  namespace: music
spec:
  type: website
  lifecycle: production
  owner: team-a
  system: artist-engagement
  subcomponentOf: artist-portal
  providesApis: [artist-api]
  consumesApis: [shared/search-api]
  dependsOn: [resource:artists-db, component:default/auth]
  dependencyOf: [component:checkout]
`);
    expect(lines(component)).toEqual([
      'component:music/artist-web ownedBy group:music/team-a',
      'group:music/team-a ownerOf component:music/artist-web',
      'component:music/artist-web partOf component:music/artist-portal',
      'component:music/artist-portal hasPart component:music/artist-web',
      'component:music/artist-web providesApi api:music/artist-api',
      'api:music/artist-api apiProvidedBy component:music/artist-web',
      'component:music/artist-web consumesApi api:shared/search-api',
      'api:shared/search-api apiConsumedBy component:music/artist-web',
      'component:music/artist-web dependsOn resource:music/artists-db',
      'resource:music/artists-db dependencyOf component:music/artist-web',
      'component:music/artist-web dependsOn component:default/auth',
      'component:default/auth dependencyOf component:music/artist-web',
      'component:music/artist-web dependencyOf component:music/checkout',
      'component:music/checkout dependsOn component:music/artist-web',
      'component:music/artist-web partOf system:music/artist-engagement',
      'system:music/artist-engagement hasPart component:music/artist-web',
    ]);
  });

  it('lets an explicit kind override the default (owner: user:jdoe)', () => {
    const api = entity(`
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: artist-api }
spec: { type: openapi, lifecycle: production, owner: user:jdoe, system: artists, definition: "openapi: 3.0.0" }
`);
    expect(lines(api)).toEqual([
      'api:default/artist-api ownedBy user:default/jdoe',
      'user:default/jdoe ownerOf api:default/artist-api',
      'api:default/artist-api partOf system:default/artists',
      'system:default/artists hasPart api:default/artist-api',
    ]);
  });

  it('emits Resource relations', () => {
    const resource = entity(`
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: artists-db, namespace: data }
spec:
  type: database
  owner: group:infra/dba
  system: artists
  dependsOn: [resource:backups]
  dependencyOf: [component:artist-web]
`);
    expect(lines(resource)).toEqual([
      'resource:data/artists-db ownedBy group:infra/dba',
      'group:infra/dba ownerOf resource:data/artists-db',
      'resource:data/artists-db dependsOn resource:data/backups',
      'resource:data/backups dependencyOf resource:data/artists-db',
      'resource:data/artists-db dependencyOf component:data/artist-web',
      'component:data/artist-web dependsOn resource:data/artists-db',
      'resource:data/artists-db partOf system:data/artists',
      'system:data/artists hasPart resource:data/artists-db',
    ]);
  });

  it('emits System and Domain relations', () => {
    const system = entity(`
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: artists }
spec: { owner: team-a, domain: music }
`);
    expect(lines(system)).toEqual([
      'system:default/artists ownedBy group:default/team-a',
      'group:default/team-a ownerOf system:default/artists',
      'system:default/artists partOf domain:default/music',
      'domain:default/music hasPart system:default/artists',
    ]);
    const domain = entity(`
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: music }
spec: { owner: team-a, subdomainOf: entertainment }
`);
    expect(lines(domain)).toEqual([
      'domain:default/music ownedBy group:default/team-a',
      'group:default/team-a ownerOf domain:default/music',
      'domain:default/music partOf domain:default/entertainment',
      'domain:default/entertainment hasPart domain:default/music',
    ]);
  });

  it('emits Group and User relations', () => {
    const group = entity(`
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a, namespace: org }
spec:
  type: team
  parent: backstage
  children: [team-a-web]
  members: [jdoe, default/guest]
`);
    expect(lines(group)).toEqual([
      'group:org/team-a childOf group:org/backstage',
      'group:org/backstage parentOf group:org/team-a',
      'group:org/team-a parentOf group:org/team-a-web',
      'group:org/team-a-web childOf group:org/team-a',
      'group:org/team-a hasMember user:org/jdoe',
      'user:org/jdoe memberOf group:org/team-a',
      'group:org/team-a hasMember user:default/guest',
      'user:default/guest memberOf group:org/team-a',
    ]);
    const user = entity(`
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jdoe }
spec: { memberOf: [team-a, group:ops/oncall] }
`);
    expect(lines(user)).toEqual([
      'user:default/jdoe memberOf group:default/team-a',
      'group:default/team-a hasMember user:default/jdoe',
      'user:default/jdoe memberOf group:ops/oncall',
      'group:ops/oncall hasMember user:default/jdoe',
    ]);
  });

  it('emits the Template owner relation', () => {
    const template = entity(`
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: node-service }
spec:
  type: service
  owner: platform
  steps: [{ action: fetch:template }]
`);
    expect(lines(template)).toEqual([
      'template:default/node-service ownedBy group:default/platform',
      'group:default/platform ownerOf template:default/node-service',
    ]);
  });

  it('emits nothing for Location, unknown kinds, or a kind spelled in another case', () => {
    const base = { apiVersion: 'backstage.io/v1alpha1', metadata: { name: 'x' } };
    expect(deriveRelations({ ...base, kind: 'Location', spec: { targets: ['./a.yaml'] } })).toEqual([]);
    expect(deriveRelations({ ...base, kind: 'Widget', spec: { owner: 'team-a' } })).toEqual([]);
    expect(deriveRelations({ ...base, kind: 'component', spec: { owner: 'team-a' } })).toEqual([]);
    expect(deriveRelations({ ...base, kind: 'Component' })).toEqual([]);
  });

  it('skips refs it cannot read, such as dependsOn without a kind (validation reports those)', () => {
    const component = entity(`
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: service, lifecycle: production, owner: team-a, dependsOn: [orders-db, resource:orders-db] }
`);
    expect(lines(component)).toEqual([
      'component:default/web ownedBy group:default/team-a',
      'group:default/team-a ownerOf component:default/web',
      'component:default/web dependsOn resource:default/orders-db',
      'resource:default/orders-db dependencyOf component:default/web',
    ]);
  });

  it('emits a relation once even when a ref is repeated in another spelling', () => {
    const user = entity(`
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jdoe }
spec: { memberOf: [team-a, Group:default/Team-A] }
`);
    expect(deriveRelations(user)).toHaveLength(2);
  });
});
