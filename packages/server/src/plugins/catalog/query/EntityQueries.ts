import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../core/database';
import type { CatalogTables } from '../store/tables';
import {
  compileCondition,
  compileFullText,
  entityIdsOfChain,
  sortExpression,
  sortValuesTable,
  type EntityExpressions,
  type FullTextFilter,
} from './compile';
import type { Condition, Leaf } from './conditions';
import type { OrderField } from './cursor';

export interface StoredEntityRow {
  id: number;
  ref: string;
  final: string;
}

export interface PageRequest {
  condition?: Condition;
  fullText?: FullTextFilter;
  order?: OrderField;
  limit: number;
  /** Rows to skip; only on a first page (no boundary). */
  offset?: number;
  /** Continue after (or, with `isPrevious`, before) this boundary row. */
  boundary?: { value: string | null; id: number };
  isPrevious?: boolean;
  /** Also count every matching row (first pages only). */
  withTotal?: boolean;
}

export interface PageResult {
  rows: Array<StoredEntityRow & { sortValue: string | null }>;
  /** There are rows beyond the page in the direction of travel. */
  hasMore: boolean;
  total?: number;
}

/** Read side of the catalog: everything the API answers comes from stitched rows and the search index. */
export class EntityQueries {
  private readonly db: Kysely<CatalogTables>;

  constructor(private readonly database: Database) {
    this.db = database.db as Kysely<CatalogTables>;
  }

  private base() {
    return this.db.selectFrom('catalog_entities as e').where('e.stitched', '=', 1);
  }

  /** Stitched entities with the JSON the API serves. */
  private served() {
    return this.base().innerJoin('catalog_documents as d', 'd.entity_id', 'e.id').select(['e.id', 'e.ref', 'd.final']);
  }

  private where(condition?: Condition, fullText?: FullTextFilter) {
    return (eb: EntityExpressions) => {
      const parts: Expression<SqlBool>[] = [];
      if (condition) parts.push(compileCondition(eb, condition));
      if (fullText && fullText.term.trim()) parts.push(compileFullText(eb, fullText, this.database.engine));
      return parts.length ? eb.and(parts) : sql<SqlBool>`1 = 1`;
    };
  }

  /**
   * Orders a conjunction of leaves by how many rows each matches (counted up to a cap, from
   * the index), so the most selective one drives the query; a broad one is probed instead.
   * Other shapes are left as they are.
   */
  async plan(condition: Condition | undefined): Promise<Condition | undefined> {
    if (!condition) return condition;
    const leaves = isLeaf(condition)
      ? [condition]
      : 'all' in condition && condition.all.every(isLeaf)
        ? (condition.all as Leaf[])
        : undefined;
    if (!leaves || leaves.length === 0) return condition;
    const sized = (await Promise.all(leaves.map(async (leaf) => ({ leaf, rows: await this.estimate(leaf) })))).sort(
      (a, b) => a.rows - b.rows,
    );
    // When even the narrowest leaf is broad, walking entities in sort order and probing wins.
    return { chain: sized.map((s) => s.leaf), mode: sized[0].rows >= ESTIMATE_CAP ? 'probe' : 'drive' };
  }

  /** The same condition, always candidate-driven: counting needs every match, not the first page. */
  private forCounting(planned: Condition | undefined): Condition | undefined {
    return planned && 'chain' in planned ? { ...planned, mode: 'drive' } : planned;
  }

  private async estimate(leaf: Leaf): Promise<number> {
    if (leaf.values && leaf.values.length === 0) return 0;
    let rows = this.db
      .selectFrom('catalog_search')
      .select(sql`1`.as('one'))
      .where('key', '=', leaf.key);
    if (leaf.values) rows = rows.where('value', 'in', leaf.values);
    if (leaf.prefix !== undefined) rows = rows.where('value', '>=', leaf.prefix).where('value', '<', `${leaf.prefix}\uffff`);
    const result = await this.db
      .selectFrom(rows.limit(ESTIMATE_CAP).as('t'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(result.n);
  }

  /** The entity, when it is served and matches `condition` (e.g. what the caller may read). */
  async byRef(ref: string, condition?: Condition): Promise<StoredEntityRow | undefined> {
    return this.served().where('e.ref', '=', ref.toLowerCase()).where(this.where(condition)).executeTakeFirst() as Promise<
      StoredEntityRow | undefined
    >;
  }

  async byUid(uid: string, condition?: Condition): Promise<StoredEntityRow | undefined> {
    return this.served().where('e.uid', '=', uid).where(this.where(condition)).executeTakeFirst() as Promise<StoredEntityRow | undefined>;
  }

  /** The refs (lowercase) among `refs` of served entities matching `condition`: one query per 500 refs. */
  async refsMatching(refs: string[], condition: Condition | undefined): Promise<Set<string>> {
    const wanted = [...new Set(refs.map((r) => r.toLowerCase()))];
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await this.base()
        .select('e.ref')
        .where('e.ref', 'in', wanted.slice(i, i + 500))
        .where(this.where(condition))
        .execute();
      for (const row of rows) found.add(row.ref);
    }
    return found;
  }

  /**
   * A condition for another plugin's query in this database: `ref` (lowercase) names a served
   * entity matching `condition`. One lookup by the unique ref per row, then the condition's index lookups.
   */
  refMatching(ref: Expression<string>, condition: Condition): Expression<SqlBool> {
    const entity = this.base()
      .select(sql`1`.as('one'))
      .where(sql<SqlBool>`e.ref = ${ref}`)
      .where(this.where(condition));
    return sql<SqlBool>`exists ${entity}`;
  }

  /** Entities for refs, in the given order, null where missing or filtered out. */
  async byRefs(refs: string[], condition?: Condition): Promise<Array<StoredEntityRow | null>> {
    const wanted = refs.map((r) => r.toLowerCase());
    const found = new Map<string, StoredEntityRow>();
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await this.served()
        .where('e.ref', 'in', wanted.slice(i, i + 500))
        .where(this.where(condition))
        .execute();
      for (const row of rows) found.set(row.ref, row as StoredEntityRow);
    }
    return wanted.map((ref) => found.get(ref) ?? null);
  }

  /** Served entities in id order after `afterId`: a full scan in pages, for collators and exports. */
  async servedAfter(afterId: number, limit: number): Promise<StoredEntityRow[]> {
    const rows = await this.served().where('e.id', '>', afterId).orderBy('e.id').limit(limit).execute();
    return rows.map((row) => ({ id: Number(row.id), ref: row.ref, final: row.final as string }));
  }

  async count(condition?: Condition, fullText?: FullTextFilter): Promise<number> {
    const planned = this.forCounting(await this.plan(condition));
    const row = await this.base()
      .where(this.where(planned, fullText))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One page in keyset order: (value nulls last, id), forwards or backwards from a boundary.
   * The sort runs over ids only and the stored JSON is joined for the page's rows; on a first
   * page the total comes from the same pass (a window count) instead of a second query.
   */
  async page(request: PageRequest): Promise<PageResult> {
    const order = request.order ?? { field: '', order: 'asc' as const };
    const sort = sortExpression(order.field || undefined);
    // A page sorted by a search key joins every entity's value once instead of looking it up per row.
    const sortValue = sort.searchKey ? sql<string | null>`sv.v` : sort.expr;
    const { nullable } = sort;
    const backwards = Boolean(request.isPrevious);
    const ascending = (order.order === 'asc') !== backwards;
    const dir = ascending ? sql`asc` : sql`desc`;
    const nullsDir = backwards ? sql`desc` : sql`asc`;
    const condition = await this.plan(request.condition);
    // The window count visits every match: worth it when the matches are few (a selective filter
    // or a text match); otherwise a separate, candidate-driven count is cheaper.
    const selective = (condition && 'chain' in condition && condition.mode === 'drive') || Boolean(request.fullText?.term.trim());
    const countSeparately = Boolean(request.withTotal) && !request.boundary && !selective;
    const withTotal = Boolean(request.withTotal) && !request.boundary && !countSeparately;

    let inner = this.base()
      .$if(Boolean(sort.searchKey), (q) => q.leftJoin(sortValuesTable(this.db, sort.searchKey!), 'sv.entity_id', 'e.id'))
      .select(['e.id'])
      .select(sql<string | null>`${sortValue}`.as('sort_value'))
      .$if(withTotal, (q) => q.select(sql<number>`count(*) over ()`.as('total')))
      .where(this.where(condition, request.fullText));
    if (request.boundary) inner = inner.where(keyset(sortValue, nullable, order.order, request.boundary, backwards));
    const ids = await inner
      .$if(nullable, (q) => q.orderBy(sql`(${sortValue} is null) ${nullsDir}`))
      .orderBy(sql`${sortValue} ${dir}`)
      .orderBy(sql`e.id ${dir}`)
      .limit(request.limit + 1)
      .$if(!request.boundary && Boolean(request.offset), (q) => q.offset(request.offset!))
      .execute();
    const hasMore = ids.length > request.limit;
    const pageIds = ids.slice(0, request.limit);
    const stored = new Map<number, { ref: string; final: string }>();
    if (pageIds.length) {
      const rows = await this.served()
        .where(
          'e.id',
          'in',
          pageIds.map((r) => r.id),
        )
        .execute();
      for (const row of rows) stored.set(Number(row.id), { ref: row.ref, final: row.final as string });
    }
    const pageRows = pageIds
      .filter((r) => stored.has(Number(r.id)))
      .map((r) => ({ id: Number(r.id), ...stored.get(Number(r.id))!, sortValue: r.sort_value }));
    if (backwards) pageRows.reverse();
    let total: number | undefined;
    if (countSeparately) total = await this.count(request.condition, request.fullText);
    else if (withTotal) {
      const first = ids[0] as { total?: number } | undefined;
      // No row on the page (e.g. an offset past the end) says nothing about the total.
      total = first ? Number(first.total) : request.offset ? await this.count(request.condition, request.fullText) : 0;
    }
    return { rows: pageRows, hasMore, total };
  }

  /** GET /entities: offset/limit over one or more order fields. */
  async list(request: { condition?: Condition; order: OrderField[]; offset?: number; limit?: number }): Promise<StoredEntityRow[]> {
    let query = this.served().where(this.where(request.condition));
    const orders = request.order.length ? request.order : [{ field: '', order: 'asc' as const }];
    for (const o of orders) {
      const { expr, nullable } = sortExpression(o.field || undefined);
      if (nullable) query = query.orderBy(sql`(${expr} is null)`);
      query = query.orderBy(sql`${expr} ${o.order === 'asc' ? sql`asc` : sql`desc`}`);
    }
    query = query.orderBy('e.id');
    if (request.limit !== undefined) query = query.limit(request.limit);
    if (request.offset) query = query.offset(request.offset);
    if (request.offset && request.limit === undefined) query = query.limit(Number.MAX_SAFE_INTEGER);
    return (await query.execute()) as StoredEntityRow[];
  }

  /**
   * Counts per value of each facet. Grouped by the lowercase value, answered from the index
   * alone; the value is shown as written (Backstage returns the original case).
   */
  async facets(facets: string[], condition?: Condition): Promise<Record<string, Array<{ value: string; count: number }>>> {
    const planned = this.forCounting(await this.plan(condition));
    const keys = [...new Set(facets.map((f) => f.toLowerCase()))];
    // All facets in one pass, so the filter's candidates are found once.
    let query = this.db
      .selectFrom('catalog_search as s')
      .select(['s.key', sql<string>`coalesce(max(s.original_value), s.value)`.as('value'), (eb) => eb.fn.countAll<number>().as('count')])
      .where('s.key', 'in', keys)
      .where('s.value', 'is not', null)
      .groupBy(['s.key', 's.value']);
    if (planned && 'chain' in planned) {
      // Search rows exist only for stitched entities: the index alone answers the filter.
      query = query.where(sql<SqlBool>`s.entity_id in (${entityIdsOfChain(planned.chain)})`);
    } else if (planned) {
      query = query.where('s.entity_id', 'in', this.base().select('e.id').where(this.where(planned)));
    }
    const byKey = new Map<string, Array<{ value: string; count: number }>>(keys.map((k) => [k, []]));
    for (const row of await query.execute()) byKey.get(row.key)!.push({ value: row.value, count: Number(row.count) });
    return Object.fromEntries(
      facets.map((facet) => [
        facet,
        [...byKey.get(facet.toLowerCase())!].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      ]),
    );
  }

  async parentRefOf(ref: string): Promise<{ exists: boolean; parentRef: string | null; final: string | null }> {
    const row = await this.db
      .selectFrom('catalog_entities as e')
      .innerJoin('catalog_documents as d', 'd.entity_id', 'e.id')
      .select(['e.parent_ref', 'd.final'])
      .where('e.ref', '=', ref)
      .executeTakeFirst();
    return row ? { exists: true, parentRef: row.parent_ref, final: row.final } : { exists: false, parentRef: null, final: null };
  }

  async locationIdOf(ref: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('catalog_entities').select('location_id').where('ref', '=', ref.toLowerCase()).executeTakeFirst();
    return row?.location_id;
  }
}

/** Counting a leaf's rows stops here: enough to tell a selective filter from a broad one. */
const ESTIMATE_CAP = 5000;

function isLeaf(condition: Condition): condition is Leaf {
  return 'key' in condition;
}

/** Rows strictly after (or before) the boundary in (value nulls last, id) order. */
function keyset(
  value: Expression<string | null>,
  nullable: boolean,
  order: 'asc' | 'desc',
  boundary: { value: string | null; id: number },
  backwards: boolean,
): Expression<SqlBool> {
  // "greater" in the direction of travel: asc forwards or desc backwards both move to larger values.
  const towardsLarger = (order === 'asc') !== backwards;
  const cmp = towardsLarger ? sql`>` : sql`<`;
  const v = boundary.value;
  const id = boundary.id;
  // A row-value comparison lets the column's index seek straight to the boundary.
  if (!nullable) return sql<SqlBool>`(${value}, e.id) ${cmp} (${v}, ${id})`;
  if (!backwards) {
    if (v === null) return sql<SqlBool>`(${value} is null and e.id ${cmp} ${id})`;
    return sql<SqlBool>`(${value} ${cmp} ${v} or (${value} = ${v} and e.id ${cmp} ${id}) or ${value} is null)`;
  }
  if (v === null) return sql<SqlBool>`(${value} is not null or e.id ${cmp} ${id})`;
  return sql<SqlBool>`(${value} is not null and (${value} ${cmp} ${v} or (${value} = ${v} and e.id ${cmp} ${id})))`;
}
