import { GENERATED_KINDS } from './entity';
import type { KindCounts, OrgSamples } from './generateOrg';
import type { HttpClient } from './httpClient';

// "Is the catalog complete?" asked over the public API only, the way a user
// would notice: every entity is listed, and relations are stitched on both
// sides (the owner lists what it owns, a component lists its dependencies).

interface Relation {
  type?: string;
  targetRef?: string;
}

interface FacetsBody {
  facets?: Record<string, Array<{ value: string; count: number }>>;
}

/** Entity counts per lower-cased kind, from `entity-facets?facet=kind`. */
export async function fetchKindCounts(client: HttpClient): Promise<Map<string, number>> {
  const response = await client.get('/api/catalog/entity-facets?facet=kind', { timeoutMs: 10_000 });
  if (response.status !== 200) throw new Error(`entity-facets answered ${response.status}: ${response.text.slice(0, 200)}`);
  const counts = new Map<string, number>();
  for (const { value, count } of (response.body as FacetsBody | undefined)?.facets?.kind ?? []) {
    counts.set(value.toLowerCase(), (counts.get(value.toLowerCase()) ?? 0) + count);
  }
  return counts;
}

/** Kinds whose counts differ from the generated ones; Location entities are the server's own. */
export function countMismatches(expected: KindCounts, actual: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const kind of GENERATED_KINDS) {
    const found = actual.get(kind.toLowerCase()) ?? 0;
    if (found !== expected[kind]) problems.push(`${kind} ${found}/${expected[kind]}`);
  }
  for (const [kind, count] of actual) {
    if (kind !== 'location' && !GENERATED_KINDS.some((k) => k.toLowerCase() === kind)) problems.push(`unexpected ${kind} ${count}`);
  }
  return problems;
}

export function totalGenerated(counts: Map<string, number>): number {
  let total = 0;
  for (const [kind, count] of counts) if (kind !== 'location') total += count;
  return total;
}

/** Canonical targets of one relation type on an entity fetched by name (undefined if it does not exist yet). */
export async function fetchRelationTargets(client: HttpClient, ref: string, type: string): Promise<string[] | undefined> {
  const response = await client.get(byNamePath(ref), { timeoutMs: 10_000 });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET ${byNamePath(ref)} answered ${response.status}`);
  const relations = (response.body as { relations?: Relation[] } | undefined)?.relations ?? [];
  return relations.filter((r) => r.type === type).map((r) => (r.targetRef ?? '').toLowerCase());
}

/** Why the sample entities are not fully stitched yet, or undefined when they are. */
export async function sampleRelationsProblem(client: HttpClient, samples: OrgSamples): Promise<string | undefined> {
  const { groupWithManyOwned: group, componentWithDeps: component, teamParentChain: chain } = samples;
  const ownerOf = await fetchRelationTargets(client, group.ref, 'ownerOf');
  if (ownerOf?.length !== group.ownedCount) return `${group.ref} has ${ownerOf?.length ?? 'no'} of ${group.ownedCount} ownerOf relations`;

  const dependsOn = await fetchRelationTargets(client, component.ref, 'dependsOn');
  const missing = component.dependsOn.filter((ref) => !dependsOn?.includes(ref));
  if (missing.length > 0) return `${component.ref} lacks dependsOn ${missing.join(', ')}`;

  for (let i = 0; i + 1 < chain.length; i++) {
    const childOf = await fetchRelationTargets(client, chain[i], 'childOf');
    if (!childOf?.includes(chain[i + 1])) return `${chain[i]} is not yet childOf ${chain[i + 1]}`;
  }
  return undefined;
}

export function byNamePath(ref: string): string {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/api/catalog/entities/by-name/${encodeURIComponent(kind)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
