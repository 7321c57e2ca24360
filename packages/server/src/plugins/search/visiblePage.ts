import type { Principal } from '../../core/identity';
import type { Permissions } from '../../core/permissions';
import type { IndexHit, IndexPage, IndexQuery, SearchIndex } from './engine/SearchIndex';
import { searchPermissions } from './permissions';

/** Index pages read to fill one page of results before answering with a short one. */
const MAX_ROUNDS = 5;

export interface VisiblePage extends IndexPage {
  /** Where the next page starts in the index, when more results may follow. */
  nextOffset?: number;
}

/**
 * A page of results without the entities the caller may not read. Documents about an entity
 * (catalog entities, their docs, templates) carry its ref in `fields.entityRef`; each index page is
 * checked in one batch, and further pages are read until this one is full, so a page is short only
 * when the results run out (or after MAX_ROUNDS pages that were mostly hidden). The next page starts
 * after the last result read, so nothing is skipped or shown twice.
 *
 * The counts (numberOfResults, facets) still include hidden documents: they come from the index,
 * which knows nothing of permissions, so they are an upper bound for a caller who may not read everything.
 */
export async function visiblePage(
  index: SearchIndex,
  permissions: Permissions,
  principal: Principal,
  query: IndexQuery,
): Promise<VisiblePage> {
  const first = await index.query(query);
  if ((await permissions.decide(principal, searchPermissions.entityRead)) === 'allow') {
    // Past a capped count, a full page is the sign that more may follow.
    const more = query.offset + query.limit < first.total || (first.totalCapped && first.hits.length === query.limit);
    return { ...first, nextOffset: more ? query.offset + query.limit : undefined };
  }
  const hits: IndexHit[] = [];
  let page = first;
  let offset = query.offset;
  for (let round = 1; ; round++) {
    const readable = await permissions.filterAuthorized(principal, searchPermissions.entityRead, entityRefs(page.hits));
    let consumed = 0;
    for (const hit of page.hits) {
      if (hits.length === query.limit) break;
      consumed++;
      if (!hit.fields.entityRef || readable.has(hit.fields.entityRef)) hits.push(hit);
    }
    offset += consumed;
    const exhausted = page.hits.length < query.limit && consumed === page.hits.length;
    // A short index page means the results ran out; below a capped count, so does reaching it.
    const more = !exhausted && (first.totalCapped || offset < first.total);
    if (hits.length === query.limit || !more || round === MAX_ROUNDS) return { ...first, hits, nextOffset: more ? offset : undefined };
    page = await index.query({ ...query, offset, facets: [] });
  }
}

function entityRefs(hits: IndexHit[]): string[] {
  return [...new Set(hits.map((hit) => hit.fields.entityRef).filter((ref): ref is string => Boolean(ref)))];
}
