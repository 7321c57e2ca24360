import type { CatalogFilter, JsonObject } from '../api';

// A picker's `ui:options` as Backstage templates write them, turned into catalog `filter=` alternatives.

/** `catalogFilter` (one object or a list of them; `{ exists: true }` means "has the field") or the older `allowedKinds`. */
export function catalogFilters(options: JsonObject, fallback: CatalogFilter[] = []): CatalogFilter[] {
  const raw = options.catalogFilter;
  if (raw !== undefined) {
    const list = Array.isArray(raw) ? raw : [raw];
    return list.filter(isObject).map(toFilter);
  }
  if (Array.isArray(options.allowedKinds) && options.allowedKinds.length) {
    return [{ kind: options.allowedKinds.map(String) }];
  }
  return fallback;
}

function toFilter(input: JsonObject): CatalogFilter {
  const filter: CatalogFilter = {};
  for (const [key, value] of Object.entries(input)) {
    if (isObject(value)) {
      // `{ exists: true }` is the only object form; `{ exists: false }` cannot be expressed with filter= and is dropped.
      if (value.exists === true) filter[key] = null;
    } else if (Array.isArray(value)) {
      filter[key] = value.map(String);
    } else if (value !== undefined && value !== null) {
      filter[key] = String(value);
    }
  }
  return filter;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
