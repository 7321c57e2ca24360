import type { Entity } from '@greenroom/model';

export interface SearchRow {
  key: string;
  value: string | null;
  originalValue: string | null;
}

// As in Backstage: longer keys are not indexed, longer values are indexed as "present" only.
const MAX_KEY_LENGTH = 200;
const MAX_VALUE_LENGTH = 200;
const SKIPPED_PATHS = new Set(['relations', 'status', 'attachments', 'metadata.etag']);

/**
 * Flattens an entity into the key/value rows that filters, sorting, facets and
 * full-text matching run on: keys are lowercased dot paths, values lowercased strings.
 * Arrays of strings also index `path.<item> = true`, so `metadata.tags.java` works.
 */
export function buildSearchRows(entity: Entity): SearchRow[] {
  const rows = new Map<string, SearchRow>();
  const add = (key: string, raw: string | null) => {
    const lowerKey = key.toLowerCase();
    if (lowerKey.length > MAX_KEY_LENGTH) return;
    const tooLong = raw !== null && raw.length > MAX_VALUE_LENGTH;
    const value = raw === null || tooLong ? null : raw.toLowerCase();
    const id = `${lowerKey}\u0000${value ?? ''}`;
    if (!rows.has(id)) rows.set(id, { key: lowerKey, value, originalValue: tooLong ? null : raw });
  };

  const walk = (path: string, value: unknown) => {
    if (SKIPPED_PATHS.has(path)) return;
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'string') add(`${path}.${item}`, 'true');
        walk(path, item);
      }
      return;
    }
    if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(path ? `${path}.${key}` : key, child);
      return;
    }
    add(path, String(value));
  };
  walk('', entity);

  if (!entity.metadata.namespace) add('metadata.namespace', 'default');
  for (const relation of entity.relations ?? []) add(`relations.${relation.type}`, relation.targetRef);
  return [...rows.values()];
}
