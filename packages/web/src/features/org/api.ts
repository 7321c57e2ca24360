import type { Entity } from '@greenroom/model';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getEntitiesByRefs, getEntityGraph, getFacets, queryEntities, type EntityFilter } from '../../api/catalog';

const PERSON_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.profile',
  'spec.type',
];
const OWNED_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.type', 'spec.lifecycle'];
const PAGE_SIZE = 50;
/** Deep enough for any real organisation chart; the server caps it at 10. */
const SUB_TEAM_DEPTH = 10;

/** Targets of one relation type on the entity (members, parent, child teams, groups), in ref order. */
export function relationTargets(entity: Entity, type: string): string[] {
  return [...new Set((entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef))].sort();
}

/** People and teams named by refs, with their profiles; `null` for a ref the catalog does not serve. */
export function useProfiles(refs: string[]) {
  return useQuery({
    queryKey: ['org-profiles', refs],
    queryFn: async () => {
      const items = await getEntitiesByRefs(refs, PERSON_FIELDS);
      return refs.map((ref, i) => ({ ref, entity: items[i] ?? null }));
    },
  });
}

/** The group and every team below it, following parentOf down through the organisation. */
export function useTeamAndSubTeams(groupRef: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org-sub-teams', groupRef],
    enabled,
    queryFn: async () => {
      const graph = await getEntityGraph({ root: groupRef, relations: ['parentOf'], direction: 'out', depth: SUB_TEAM_DEPTH });
      return { refs: graph.nodes.filter((n) => !n.missing).map((n) => n.entityRef), truncated: graph.truncated };
    },
  });
}

/** What the owners own, a page at a time, narrowed to some kinds when asked; with a count per kind. */
export function useOwnedEntities(ownerRefs: string[] | undefined, kinds: string[]) {
  const ownedBy: EntityFilter = { 'relations.ownedBy': ownerRefs ?? [] };
  const filter: EntityFilter = kinds.length ? { ...ownedBy, kind: kinds } : ownedBy;
  const enabled = Boolean(ownerRefs?.length);
  const kindCounts = useQuery({
    queryKey: ['org-owned-kinds', ownerRefs],
    enabled,
    queryFn: async () => (await getFacets(['kind'], ownedBy)).kind ?? [],
  });
  const entities = useInfiniteQuery({
    queryKey: ['org-owned', ownerRefs, kinds],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      queryEntities(
        pageParam
          ? { cursor: pageParam, limit: PAGE_SIZE, fields: OWNED_FIELDS }
          : { filter, order: { field: 'metadata.name', order: 'asc' }, limit: PAGE_SIZE, fields: OWNED_FIELDS },
      ),
    getNextPageParam: (page) => page.pageInfo.nextCursor,
  });
  return { kindCounts, entities };
}

/** A person's or team's display name, else the entity's title, else its name. */
export function displayName(entity: Entity): string {
  const profile = profileOf(entity);
  return profile.displayName ?? entity.metadata.title ?? entity.metadata.name;
}

/** `spec.profile`, keeping only string fields: the catalog does not check their types. */
export function profileOf(entity: Entity): { displayName?: string; email?: string; picture?: string } {
  const profile = (entity.spec?.profile ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
  return { displayName: text(profile.displayName), email: text(profile.email), picture: text(profile.picture) };
}
