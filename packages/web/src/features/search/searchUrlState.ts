import type { SearchQuery } from './api';

const PAGE_SIZE = 25;
const FILTER_PARAM = /^filters\[(.+)\]$/;

/** The results page's state, read from its URL: `query`, `types`, `filters[key]` and `cursor`. */
export function searchQueryFromUrl(params: URLSearchParams): SearchQuery {
  const filters: Record<string, string> = {};
  for (const [key, value] of params) {
    const filter = FILTER_PARAM.exec(key)?.[1];
    if (filter && value) filters[filter] = value;
  }
  return {
    term: params.get('query')?.trim() ?? '',
    types: params.getAll('types').filter(Boolean),
    filters,
    pageCursor: params.get('cursor') ?? undefined,
    pageLimit: PAGE_SIZE,
  };
}

/** A changed search starts again at the first page: a cursor belongs to the query it came from. */
export function withChange(params: URLSearchParams, change: (next: URLSearchParams) => void): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  change(next);
  return next;
}
