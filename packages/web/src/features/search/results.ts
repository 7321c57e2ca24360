import { SEARCH_TYPES, searchTypeLabel, type SearchResult } from './api';

/**
 * The portal path a result opens, or undefined when its location is not a path inside the portal
 * (`//host`, `javascript:`…): a document's location comes from indexed data and is not trusted.
 */
export function portalPath(location: string): string | undefined {
  return location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/\\') ? location : undefined;
}

export interface ResultGroup {
  type: string;
  label: string;
  results: SearchResult[];
}

/** Results grouped by document type: known types in a fixed order (Catalog, Documentation, Templates), others after. */
export function groupByType(results: SearchResult[]): ResultGroup[] {
  const groups = new Map<string, SearchResult[]>();
  for (const result of results) groups.set(result.type, [...(groups.get(result.type) ?? []), result]);
  const order = (type: string) => {
    const index = SEARCH_TYPES.findIndex((t) => t.type === type);
    return index < 0 ? SEARCH_TYPES.length : index;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([type, grouped]) => ({ type, label: searchTypeLabel(type), results: grouped }));
}
