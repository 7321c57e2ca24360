import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/http';

/** The document types the portal knows how to label; a plugin may answer others, shown under their raw name. */
export const SEARCH_TYPES = [
  { type: 'software-catalog', label: 'Catalog' },
  { type: 'techdocs', label: 'Documentation' },
  { type: 'software-template', label: 'Templates' },
] as const;

export function searchTypeLabel(type: string): string {
  return SEARCH_TYPES.find((t) => t.type === type)?.label ?? type;
}

/** The facets the results page offers as filters, in the order shown; `tag` is the API's name for the tags facet. */
export const SEARCH_FACETS = [
  { key: 'kind', label: 'Kind' },
  { key: 'owner', label: 'Owner' },
  { key: 'type', label: 'Type' },
  { key: 'lifecycle', label: 'Lifecycle' },
  { key: 'tag', label: 'Tag' },
] as const;

export type SearchFacetKey = (typeof SEARCH_FACETS)[number]['key'];

export interface SearchDocument {
  title: string;
  text: string;
  /** The portal URL of the result, e.g. `/catalog/default/component/orders`. */
  location: string;
  entityRef?: string;
  kind?: string;
  type?: string;
  owner?: string;
  lifecycle?: string;
  tags?: string[];
  /** Documentation results: the title of the entity whose docs the page belongs to. */
  entityTitle?: string;
}

export interface SearchHighlight {
  preTag: string;
  postTag: string;
  fields: { title?: string; text?: string };
}

export interface SearchResult {
  type: string;
  document: SearchDocument;
  highlight?: SearchHighlight;
  rank: number;
}

export interface SearchFacetValue {
  value: string;
  count: number;
}

export interface SearchResultSet {
  results: SearchResult[];
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults: number;
  /** Counting stopped at numberOfResults: there are at least that many. */
  numberOfResultsCapped?: boolean;
  facets?: Partial<Record<SearchFacetKey, SearchFacetValue[]>>;
}

export interface SearchQuery {
  /** Free words, possibly with `key:value` filters in the query language (`owner:team-payments kind:api`). */
  term: string;
  types?: string[];
  filters?: Record<string, string>;
  pageCursor?: string;
  pageLimit?: number;
  /** Ask for facet counts (a Greenroom addition; they cost the server a pass over every match). */
  facets?: boolean;
}

/** `types[]=…&filters[kind]=…`, the bracket style Backstage's search client sends. */
export function searchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams({ term: query.term });
  for (const type of query.types ?? []) params.append('types[]', type);
  for (const [key, value] of Object.entries(query.filters ?? {})) params.set(`filters[${key}]`, value);
  if (query.pageCursor) params.set('pageCursor', query.pageCursor);
  if (query.pageLimit) params.set('pageLimit', String(query.pageLimit));
  if (query.facets) params.set('facets', 'true');
  return params;
}

export function search(query: SearchQuery, signal?: AbortSignal): Promise<SearchResultSet> {
  return apiFetch<SearchResultSet>(`/api/search/query?${searchParams(query)}`, { signal });
}

/** Search results that keep showing the previous answer while the next one loads, so a list never flickers empty. */
export function useSearch(query: SearchQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => search(query, signal),
    enabled: options.enabled ?? query.term.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
