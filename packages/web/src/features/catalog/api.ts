import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { getEntitiesByRefs, getFacets, queryEntities, type EntityPage } from '../../api/catalog';
import { useStarredEntities } from '../../stars/useStarredEntities';
import { entityRefOf } from './entityValues';
import { pageOfStarred, STARRED_FILTER_FIELDS } from './starredRows';
import { toEntityFilter, type CatalogViewState, type SortOrder } from './urlState';

/** Facets offered as filters; counted over the chosen kind only, so options match what the table can show. */
export const FILTER_FACETS = {
  type: 'spec.type',
  owners: 'relations.ownedBy',
  lifecycles: 'spec.lifecycle',
  tags: 'metadata.tags',
  namespace: 'metadata.namespace',
} as const;

export function useKindCounts() {
  return useQuery({
    queryKey: ['catalog', 'facets', 'kind'],
    queryFn: async () => (await getFacets(['kind'])).kind ?? [],
    staleTime: 60_000,
  });
}

export function useFilterOptions(kind: string) {
  return useQuery({
    queryKey: ['catalog', 'facets', 'filters', kind],
    queryFn: () => getFacets(Object.values(FILTER_FACETS), { kind }),
    staleTime: 60_000,
  });
}

/**
 * One page of the table: from by-query on the server, or — for "Starred only" — from the
 * starred entities, filtered and paged in the browser. Either way the previous page stays on
 * screen while the next one loads, so the table never flashes empty.
 */
export function useCatalogRows(view: CatalogViewState, options: { fields: string[]; order: { field: string; order: SortOrder } }) {
  const starredOnly = view.filters.user === 'starred';
  const client = useQueryClient();
  const serverQuery = queryOptions({
    queryKey: ['catalog', 'rows', view.filters, view.cursor, view.pageSize, options],
    queryFn: () =>
      queryEntities({
        filter: toEntityFilter(view.filters),
        fullTextTerm: view.filters.text.trim() || undefined,
        order: options.order,
        cursor: view.cursor,
        limit: view.pageSize,
        fields: options.fields,
      }),
  });
  // Ask while rendering rather than after the page's first commit, so the request overlaps
  // building the filters (as usePrefetchQuery does, but only when the server is asked at all).
  if (!starredOnly && client.getQueryState(serverQuery.queryKey) === undefined) void client.prefetchQuery(serverQuery);
  const server = useQuery({ ...serverQuery, enabled: !starredOnly, placeholderData: keepPreviousData });

  const stars = useStarredEntities();
  const starredFields = [...new Set([...options.fields, ...STARRED_FILTER_FIELDS])];
  const starred = useQuery({
    queryKey: ['catalog', 'starred', stars.starred, starredFields],
    queryFn: () => getEntitiesByRefs(stars.starred, starredFields),
    enabled: starredOnly && !stars.isLoading,
    placeholderData: keepPreviousData,
  });

  if (!starredOnly)
    return { data: server.data, error: server.error, isFetching: server.isFetching, isPlaceholder: server.isPlaceholderData };
  // Until the changed list has loaded, an entity just unstarred is dropped from the previous one.
  const stillStarred = starred.data?.filter((entity) => entity !== null && stars.isStarred(entityRefOf(entity)));
  const data: EntityPage | undefined = stillStarred && pageOfStarred(stillStarred, view, options.order);
  return {
    data,
    error: stars.error ?? starred.error,
    isFetching: starred.isFetching,
    isPlaceholder: starred.isPlaceholderData,
  };
}
