import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GENERATED_KINDS, type Entity } from './entity';
import { refOf } from './entityRefs';
import { referencesOf } from './entityReferences';
import { generateOrg, kindCounts } from './generateOrg';
import { toYamlDocuments } from './writeOrg';

// The benchmark's figures only mean something if the server can ingest the
// whole org: a dangling reference or an invalid name would make the ingest
// check wait for relations that can never appear.

const N = 2_000;
const org = generateOrg({ entities: N });
const BACKSTAGE_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const known = new Set(org.entities.map((e) => refOf(e.kind, e.metadata.name)));
const byRef = new Map(org.entities.map((e) => [refOf(e.kind, e.metadata.name), e]));

describe('generateOrg', () => {
  it('generates exactly the requested number of entities, with the apiVersion Backstage expects', () => {
    expect(org.entities).toHaveLength(N);
    expect(new Set(org.entities.map((e) => e.apiVersion))).toEqual(new Set(['backstage.io/v1alpha1']));
  });

  it('gives every entity a valid Backstage name, unique within its kind', () => {
    for (const entity of org.entities) {
      expect(entity.metadata.name).toMatch(BACKSTAGE_NAME);
      expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
    }
    expect(known.size).toBe(N);
  });

  it('resolves every reference to a generated entity', () => {
    const dangling = org.entities.flatMap((e) =>
      referencesOf(e)
        .filter((r) => !known.has(r.targetRef))
        .map((r) => `${e.kind}:${e.metadata.name} spec.${r.field} -> ${r.targetRef}`),
    );
    expect(dangling).toEqual([]);
  });

  it('keeps the group hierarchy and memberships consistent in both directions', () => {
    for (const group of org.entities.filter((e) => e.kind === 'Group')) {
      const refs = referencesOf(group);
      for (const child of refs.filter((r) => r.relation === 'parentOf')) {
        expect(byRef.get(child.targetRef)?.spec.parent).toBe(group.metadata.name);
      }
      for (const member of refs.filter((r) => r.relation === 'hasMember')) {
        expect(byRef.get(member.targetRef)?.spec.memberOf).toContain(group.metadata.name);
      }
    }
    for (const user of org.entities.filter((e) => e.kind === 'User')) {
      expect((user.spec.memberOf as string[]).length).toBeGreaterThan(0);
      expect((user.spec.profile as { email: string }).email).toMatch(/@example\.com$/);
    }
  });

  it('has roughly the proportions of a real organisation', () => {
    const share = (kind: Entity['kind']) => org.entities.filter((e) => e.kind === kind).length / N;
    expect(share('Domain') + share('System')).toBeCloseTo(0.01, 2);
    expect(share('Group')).toBeCloseTo(0.03, 2);
    expect(share('User')).toBeCloseTo(0.15, 2);
    expect(share('Component')).toBeCloseTo(0.55, 2);
    expect(share('API')).toBeCloseTo(0.15, 2);
    expect(share('Resource')).toBeCloseTo(0.11, 2);
    for (const kind of GENERATED_KINDS) expect(org.counts[kind]).toBe(share(kind) * N);
    expect(kindCounts(100_000)).toMatchObject({ Component: 55_000, User: 15_000, Group: 3_000 });
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(generateOrg({ entities: N })).toEqual(org);
    expect(generateOrg({ entities: N, seed: 'other' }).entities).not.toEqual(org.entities);
  });

  it('offers samples that match the data they describe', () => {
    const { componentWithDeps, groupWithManyOwned, teamParentChain } = org.samples;
    expect(componentWithDeps.dependsOn.length).toBeGreaterThanOrEqual(3);
    expect(componentWithDeps.dependsOn.some((r) => r.startsWith('resource:'))).toBe(true);
    const owned = org.entities.filter((e) =>
      referencesOf(e).some((r) => r.relation === 'ownedBy' && r.targetRef === groupWithManyOwned.ref),
    );
    expect(owned).toHaveLength(groupWithManyOwned.ownedCount);
    expect(groupWithManyOwned.ownedCount).toBeGreaterThan(20);
    expect(teamParentChain.length).toBeGreaterThanOrEqual(3);
    expect(byRef.get(teamParentChain[0])?.spec.type).toBe('team');
    expect(byRef.get(teamParentChain.at(-1)!)?.spec.parent).toBeUndefined();
  });

  it('lays the org out as ~100-entity YAML files that parse back to the same entities', () => {
    expect(org.files.flatMap((f) => f.entities)).toHaveLength(N);
    for (const file of org.files) {
      expect(file.path).toMatch(/^[a-z0-9./-]+\.yaml$/);
      expect(file.entities.length).toBeLessThanOrEqual(100);
    }
    const file = org.files.find((f) => f.path.startsWith('systems/'))!;
    const docs = parseAllDocuments(toYamlDocuments(file.entities));
    expect(docs.map((d) => d.toJS())).toEqual(file.entities);
    const api = org.entities.find((e) => e.kind === 'API')!;
    expect(parse(api.spec.definition as string)).toMatchObject({ openapi: '3.0.3' });
  });
});
