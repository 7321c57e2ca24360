import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import type { EntityFilter } from '../../api/catalog';

/**
 * The catalog view lives in the URL so that a filtered view is a link people can share and
 * back/forward work. The parameter names are Backstage's (`filters[kind]=component`,
 * `filters[tags]=a&filters[tags]=b`), so bookmarks made in Backstage keep working here.
 */

const DEFAULT_KIND = 'component';
export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export type SortOrder = 'asc' | 'desc';

const MULTI_VALUED = ['type', 'owners', 'lifecycles', 'tags', 'namespace'] as const;
export type MultiValuedFilter = (typeof MULTI_VALUED)[number];

export interface CatalogFilters {
  /** Lower case, as Backstage writes it. */
  kind: string;
  type: string[];
  /** Entity refs of owners, as written in the URL (full refs, or Backstage's older short names). */
  owners: string[];
  lifecycles: string[];
  tags: string[];
  namespace: string[];
  user: 'all' | 'starred';
  text: string;
}

export interface CatalogViewState {
  filters: CatalogFilters;
  /** A column id (`name`, `owner`, …); which columns sort depends on the kind. */
  sort: { column: string; order: SortOrder };
  /** Where the page starts: by-query's cursor, or an offset into the starred list. */
  cursor?: string;
  pageSize: PageSize;
}

export const DEFAULT_SORT = { column: 'name', order: 'asc' } as const;

export function defaultFilters(kind = DEFAULT_KIND): CatalogFilters {
  return { kind, type: [], owners: [], lifecycles: [], tags: [], namespace: [], user: 'all', text: '' };
}

/** `filters[tags]`, `filters[tags][]` and Backstage's indexed `filters[tags][0]` all name the tags filter. */
const FILTER_KEY = /^filters\[([A-Za-z]+)\](?:\[\d*\])?$/;

export function parseCatalogSearch(search: string | URLSearchParams): CatalogViewState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters = defaultFilters();
  let kindSeen = false;
  for (const [key, rawValue] of params) {
    const name = FILTER_KEY.exec(key)?.[1];
    const value = rawValue.trim();
    if (!name || !value) continue;
    if (isMultiValued(name)) {
      if (!filters[name].includes(value)) filters[name].push(value);
    } else if (name === 'kind' && !kindSeen) {
      filters.kind = value.toLowerCase();
      kindSeen = true;
    } else if (name === 'user') {
      // Backstage's `owned` needs a signed-in user; until then it shows everything.
      filters.user = value.toLowerCase() === 'starred' ? 'starred' : 'all';
    } else if (name === 'text') {
      filters.text = rawValue;
    }
  }
  const pageSize = Number(params.get('limit'));
  return {
    filters,
    sort: parseSort(params.get('sort')),
    cursor: params.get('cursor') || undefined,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? (pageSize as PageSize) : PAGE_SIZES[0],
  };
}

function isMultiValued(name: string): name is MultiValuedFilter {
  return (MULTI_VALUED as readonly string[]).includes(name);
}

function parseSort(value: string | null): CatalogViewState['sort'] {
  const [column, order] = (value ?? '').split(',').map((part) => part.trim());
  if (!column || !/^[A-Za-z]+$/.test(column)) return { ...DEFAULT_SORT };
  return { column, order: order?.toLowerCase() === 'desc' ? 'desc' : 'asc' };
}

/**
 * The query string for a view, defaults left out. Brackets stay literal so a shared link reads
 * `filters[kind]=api`; values are percent-encoded.
 */
export function serializeCatalogSearch(state: CatalogViewState): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${encodeURIComponent(value)}`);
  const { filters } = state;
  add('filters[kind]', filters.kind);
  for (const name of MULTI_VALUED) for (const value of filters[name]) add(`filters[${name}]`, value);
  if (filters.user === 'starred') add('filters[user]', 'starred');
  if (filters.text.trim()) add('filters[text]', filters.text);
  if (state.sort.column !== DEFAULT_SORT.column || state.sort.order !== DEFAULT_SORT.order)
    add('sort', `${state.sort.column},${state.sort.order}`);
  if (state.pageSize !== PAGE_SIZES[0]) add('limit', String(state.pageSize));
  if (state.cursor) add('cursor', state.cursor);
  return parts.join('&');
}

/** Whether anything narrows the view beyond the kind. */
export function hasNarrowingFilters(filters: CatalogFilters): boolean {
  return MULTI_VALUED.some((name) => filters[name].length > 0) || filters.user === 'starred' || filters.text.trim() !== '';
}

/** An owner as the catalog stores it in `relations.ownedBy`: a full, lower-case ref (a bare name is a group). */
export function ownerRef(value: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'group' }));
  } catch {
    return value.toLowerCase();
  }
}

/** The by-query / entity-facets `filter` for the filters (the text filter travels as fullTextFilterTerm). */
export function toEntityFilter(filters: CatalogFilters): EntityFilter {
  const filter: EntityFilter = { kind: filters.kind };
  if (filters.type.length) filter['spec.type'] = filters.type;
  if (filters.owners.length) filter['relations.ownedBy'] = filters.owners.map(ownerRef);
  if (filters.lifecycles.length) filter['spec.lifecycle'] = filters.lifecycles;
  if (filters.tags.length) filter['metadata.tags'] = filters.tags;
  if (filters.namespace.length) filter['metadata.namespace'] = filters.namespace;
  return filter;
}
