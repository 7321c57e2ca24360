import type { Entity } from '@greenroom/model';
import type { EntityPage } from '../../api/catalog';
import { specRefAt, stringsAt, textAt, valueAt } from './entityValues';
import { ownerRef, type CatalogFilters, type CatalogViewState, type SortOrder } from './urlState';

/** Fields the browser needs to apply the filters to starred entities itself. */
export const STARRED_FILTER_FIELDS = ['spec.type', 'spec.owner', 'spec.lifecycle', 'metadata.tags', 'metadata.description'];

/**
 * The starred list is short, so "Starred only" filters, sorts and pages it here, answering in
 * by-query's shape; the cursor is the offset of the page's first row.
 */
export function pageOfStarred(
  entities: Array<Entity | null>,
  view: CatalogViewState,
  sort: { field: string; order: SortOrder },
): EntityPage {
  const matching = entities.filter((entity): entity is Entity => entity !== null && matches(entity, view.filters));
  const direction = sort.order === 'asc' ? 1 : -1;
  const sortValue = (entity: Entity) => {
    const value = valueAt(entity, sort.field);
    return typeof value === 'string' ? value.toLowerCase() : undefined;
  };
  // As the server does: by the lower-cased value, empty values last, then by name.
  const sorted = matching
    .map((entity) => ({ entity, value: sortValue(entity) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) return a.value === b.value ? 0 : a.value === undefined ? 1 : -1;
      return direction * a.value.localeCompare(b.value) || a.entity.metadata.name.localeCompare(b.entity.metadata.name);
    })
    .map(({ entity }) => entity);

  const requested = Number(view.cursor ?? 0);
  const offset = Number.isInteger(requested) && requested > 0 && requested < sorted.length ? requested : 0;
  const next = offset + view.pageSize;
  return {
    items: sorted.slice(offset, next),
    totalItems: sorted.length,
    pageInfo: {
      nextCursor: next < sorted.length ? String(next) : undefined,
      prevCursor: offset > 0 ? String(Math.max(0, offset - view.pageSize)) : undefined,
    },
  };
}

const anyOf = (selected: string[], value: string | undefined) =>
  selected.length === 0 || (value !== undefined && selected.some((s) => s.toLowerCase() === value.toLowerCase()));

function matches(entity: Entity, filters: CatalogFilters): boolean {
  if (entity.kind.toLowerCase() !== filters.kind) return false;
  if (!anyOf(filters.type, textAt(entity, 'spec.type'))) return false;
  if (!anyOf(filters.lifecycles, textAt(entity, 'spec.lifecycle'))) return false;
  if (!anyOf(filters.namespace, entity.metadata.namespace ?? 'default')) return false;
  if (filters.owners.length && !filters.owners.map(ownerRef).includes(specRefAt(entity, 'spec.owner', 'group') ?? '')) return false;
  const tags = stringsAt(entity, 'metadata.tags');
  if (filters.tags.length && !tags.some((tag) => anyOf(filters.tags, tag))) return false;
  const term = filters.text.trim().toLowerCase();
  if (!term) return true;
  const searched = [
    entity.metadata.name,
    textAt(entity, 'metadata.title'),
    textAt(entity, 'metadata.description'),
    textAt(entity, 'spec.type'),
    textAt(entity, 'spec.owner'),
    ...tags,
  ];
  return searched.some((value) => value?.toLowerCase().includes(term));
}
