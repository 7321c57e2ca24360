import type { Principal } from '../../core/identity';
import type { Permissions } from '../../core/permissions';
import type { IndexPage, IndexQuery, SearchIndex } from './engine/SearchIndex';
import { searchPermissions } from './permissions';

export interface VisiblePage extends IndexPage {
  /** Where the next page starts in the index, when more results may follow. */
  nextOffset?: number;
}

/**
 * A page of results without the entities the caller may not read. Documents about an entity
 * (catalog entities, their docs, templates) carry its ref; for a caller who may not read every
 * entity, the index query itself keeps only those about entities they may read (the catalog
 * compiles the policy's conditions to SQL through the permissions seam), so the hits, the count,
 * the facets and the cursors all describe the same visible set. A caller who may read everything
 * runs the query unchanged.
 */
export async function visiblePage(
  index: SearchIndex,
  permissions: Permissions,
  principal: Principal,
  query: Omit<IndexQuery, 'entityFilter'>,
): Promise<VisiblePage> {
  const entityFilter = await permissions.refFilter(principal, searchPermissions.entityRead);
  const page = await index.query(entityFilter ? { ...query, entityFilter } : query);
  // Past a capped count, a full page is the sign that more may follow.
  const more = query.offset + query.limit < page.total || (page.totalCapped && page.hits.length === query.limit);
  return { ...page, nextOffset: more ? query.offset + query.limit : undefined };
}
