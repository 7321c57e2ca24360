import type { Entity } from '@greenroom/model';
import { useQuery } from '@tanstack/react-query';
import { getEntitiesByRefs, getEntityGraph } from '../../api/catalog';
import type { GraphSettings } from './graph/graphSettings';

const SUMMARY_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile.displayName'];

/** Enough of each related entity to show its title; `null` for a ref the catalog does not serve. */
export function useEntitySummaries(refs: string[]) {
  return useQuery({
    queryKey: ['entity-summaries', refs],
    enabled: refs.length > 0,
    queryFn: async () => {
      const items = await getEntitiesByRefs(refs, SUMMARY_FIELDS);
      return new Map<string, Entity | null>(refs.map((ref, i) => [ref, items[i] ?? null]));
    },
  });
}

/** The neighbourhood of an entity; the previous graph stays on screen while a changed one loads. */
export function useEntityGraph(root: string, settings: GraphSettings) {
  return useQuery({
    queryKey: ['entity-graph', root, settings],
    enabled: settings.relations.length > 0,
    // Keep the old picture while the controls change, but never show another entity's graph.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === root ? previous : undefined),
    queryFn: () => getEntityGraph({ root, relations: settings.relations, direction: settings.direction, depth: settings.depth }),
  });
}

/** A person's or team's display name, else the entity's title, else its name. */
export function displayName(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  if (typeof profile?.displayName === 'string' && profile.displayName) return profile.displayName;
  return entity.metadata.title ?? entity.metadata.name;
}
