import { stringifyEntityRef, type Entity } from '@greenroom/model';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getEntitiesByRefs, getFacets, queryEntities, type EntityFilter } from '../api/catalog';
import { useStarredEntities } from '../stars/useStarredEntities';

const PAGE_SIZE = 60;

/** Does a (small, already loaded) entity satisfy a filter? Used for the starred few, which come by ref. */
function matches(entity: Entity, filter: EntityFilter): boolean {
  return Object.entries(filter).every(([key, expected]) => {
    const actual = valuesAt(entity, key).map((v) => v.toLowerCase());
    if (expected === null) return actual.length > 0;
    return (Array.isArray(expected) ? expected : [expected]).some((v) => actual.includes(v.toLowerCase()));
  });
}

function valuesAt(entity: Entity, key: string): string[] {
  if (key.startsWith('relations.')) {
    const type = key.slice('relations.'.length).toLowerCase();
    return (entity.relations ?? []).filter((r) => r.type.toLowerCase() === type).map((r) => r.targetRef);
  }
  if (key.startsWith('metadata.annotations.')) {
    const value = entity.metadata.annotations?.[key.slice('metadata.annotations.'.length)];
    return value === undefined ? [] : [value];
  }
  let value: unknown = entity;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * A list of entities matching `filter`, the user's starred ones first, the rest a page at a time
 * (server-side, so it works at any catalog size), with facet values for the list's own filters.
 */
export function useEntityList(filter: EntityFilter, facets: string[], baseFilter: EntityFilter) {
  const { starred } = useStarredEntities();
  const starredQuery = useQuery({
    queryKey: ['entity-list-starred', starred, filter],
    queryFn: async () => (await getEntitiesByRefs(starred)).filter((e): e is Entity => e !== null && matches(e, filter)),
    placeholderData: keepPreviousData,
  });
  const pages = useInfiniteQuery({
    queryKey: ['entity-list', filter],
    queryFn: ({ pageParam }) =>
      queryEntities(
        pageParam ? { cursor: pageParam, limit: PAGE_SIZE } : { filter, limit: PAGE_SIZE, order: { field: 'metadata.name', order: 'asc' } },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.pageInfo.nextCursor,
    placeholderData: keepPreviousData,
  });
  const facetQuery = useQuery({ queryKey: ['entity-list-facets', facets, baseFilter], queryFn: () => getFacets(facets, baseFilter) });

  const starredEntities = starredQuery.data ?? [];
  const starredRefs = new Set(starredEntities.map((e) => stringifyEntityRef(e)));
  const others = (pages.data?.pages ?? []).flatMap((p) => p.items).filter((e) => !starredRefs.has(stringifyEntityRef(e)));
  return {
    starred: starredEntities,
    others,
    total: pages.data?.pages[0]?.totalItems ?? 0,
    facets: facetQuery.data ?? {},
    isLoading: pages.isLoading,
    error: pages.error ?? starredQuery.error,
    hasMore: pages.hasNextPage,
    loadMore: () => void pages.fetchNextPage(),
    loadingMore: pages.isFetchingNextPage,
  };
}
