import type { Entity } from '@greenroom/model';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getEntitiesByRefs, getFacets } from '../../api/catalog';

/** The same facet (and cache entry) the catalog page's kind picker uses. */
export function useKindCounts() {
  return useQuery({
    queryKey: ['catalog', 'facets', 'kind'],
    queryFn: async () => (await getFacets(['kind'])).kind ?? [],
    staleTime: 60_000,
  });
}

const STARRED_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.type'];

/**
 * The starred entities by ref (null for one that left the catalog). The previous answer stays
 * while a changed list loads, so unstarring one entity does not blank the others.
 */
export function useStarredEntityDetails(refs: string[]) {
  return useQuery({
    queryKey: ['home', 'starred', refs],
    queryFn: async () => {
      const items = await getEntitiesByRefs(refs, STARRED_FIELDS);
      return new Map<string, Entity | null>(refs.map((ref, i) => [ref, items[i] ?? null]));
    },
    enabled: refs.length > 0,
    placeholderData: keepPreviousData,
  });
}
