import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../core/database';
import type { CatalogTables } from '../store/tables';
import { compileCondition, compileFullText, sortExpression, type EntityExpressions, type FullTextFilter } from './compile';
import type { Condition } from './conditions';
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
}

export interface PageResult {
  rows: Array<StoredEntityRow & { sortValue: string | null }>;
  /** There are rows beyond the page in the direction of travel. */
  hasMore: boolean;
}

/** Read side of the catalog: everything the API answers comes from stitched rows and the search index. */
export class EntityQueries {
  private readonly db: Kysely<CatalogTables>;

  constructor(private readonly database: Database) {
    this.db = database.db as Kysely<CatalogTables>;
  }

  private base() {
    return this.db.selectFrom('catalog_entities as e').where('e.final', 'is not', null);
  }

  private where(condition?: Condition, fullText?: FullTextFilter) {
    return (eb: EntityExpressions) => {
      const parts: Expression<SqlBool>[] = [];
      if (condition) parts.push(compileCondition(eb, condition));
      if (fullText && fullText.term.trim()) parts.push(compileFullText(eb, fullText, this.database.engine));
      return parts.length ? eb.and(parts) : sql<SqlBool>`1 = 1`;
    };
  }

  async byRef(ref: string): Promise<StoredEntityRow | undefined> {
    return this.base().select(['e.id', 'e.ref', 'e.final']).where('e.ref', '=', ref.toLowerCase()).executeTakeFirst() as Promise<
      StoredEntityRow | undefined
    >;
  }

  async byUid(uid: string): Promise<StoredEntityRow | undefined> {
    return this.base().select(['e.id', 'e.ref', 'e.final']).where('e.uid', '=', uid).executeTakeFirst() as Promise<
      StoredEntityRow | undefined
    >;
  }

  /** Entities for refs, in the given order, null where missing or filtered out. */
  async byRefs(refs: string[], condition?: Condition): Promise<Array<StoredEntityRow | null>> {
    const wanted = refs.map((r) => r.toLowerCase());
    const found = new Map<string, StoredEntityRow>();
    for (let i = 0; i < wanted.length; i += 500) {
      const rows = await this.base()
        .select(['e.id', 'e.ref', 'e.final'])
        .where('e.ref', 'in', wanted.slice(i, i + 500))
        .where(this.where(condition))
        .execute();
      for (const row of rows) found.set(row.ref, row as StoredEntityRow);
    }
    return wanted.map((ref) => found.get(ref) ?? null);
  }

  async count(condition?: Condition, fullText?: FullTextFilter): Promise<number> {
    const row = await this.base()
      .where(this.where(condition, fullText))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One page in keyset order: (value nulls last, id), forwards or backwards from a boundary. */
  async page(request: PageRequest): Promise<PageResult> {
    const order = request.order ?? { field: '', order: 'asc' as const };
    const sortValue = sortExpression(order.field || undefined);
    const backwards = Boolean(request.isPrevious);
    const ascending = (order.order === 'asc') !== backwards;
    const dir = ascending ? sql`asc` : sql`desc`;
    const nullsDir = backwards ? sql`desc` : sql`asc`;

    let query = this.base()
      .select(['e.id', 'e.ref', 'e.final'])
      .select(sql<string | null>`${sortValue}`.as('sort_value'))
      .where(this.where(request.condition, request.fullText));
    if (request.boundary) query = query.where(keyset(sortValue, order.order, request.boundary, backwards));
    const rows = await query
      .orderBy(sql`(${sortValue} is null) ${nullsDir}`)
      .orderBy(sql`${sortValue} ${dir}`)
      .orderBy(sql`e.id ${dir}`)
      .limit(request.limit + 1)
      .$if(!request.boundary && Boolean(request.offset), (q) => q.offset(request.offset!))
      .execute();
    const hasMore = rows.length > request.limit;
    const pageRows = rows
      .slice(0, request.limit)
      .map((r) => ({ id: Number(r.id), ref: r.ref, final: r.final as string, sortValue: r.sort_value }));
    if (backwards) pageRows.reverse();
    return { rows: pageRows, hasMore };
  }

  /** GET /entities: offset/limit over one or more order fields. */
  async list(request: { condition?: Condition; order: OrderField[]; offset?: number; limit?: number }): Promise<StoredEntityRow[]> {
    let query = this.base().select(['e.id', 'e.ref', 'e.final']).where(this.where(request.condition));
    const orders = request.order.length ? request.order : [{ field: '', order: 'asc' as const }];
    for (const o of orders) {
      const expr = sortExpression(o.field || undefined);
      query = query.orderBy(sql`(${expr} is null)`).orderBy(sql`${expr} ${o.order === 'asc' ? sql`asc` : sql`desc`}`);
    }
    query = query.orderBy('e.id');
    if (request.limit !== undefined) query = query.limit(request.limit);
    if (request.offset) query = query.offset(request.offset);
    if (request.offset && request.limit === undefined) query = query.limit(Number.MAX_SAFE_INTEGER);
    return (await query.execute()) as StoredEntityRow[];
  }

  /** Counts per value of each facet, with the value as written (Backstage returns original case). */
  async facets(facets: string[], condition?: Condition): Promise<Record<string, Array<{ value: string; count: number }>>> {
    const result: Record<string, Array<{ value: string; count: number }>> = {};
    for (const facet of facets) {
      let query = this.db
        .selectFrom('catalog_search as s')
        .select([sql<string>`coalesce(s.original_value, s.value)`.as('value'), (eb) => eb.fn.countAll<number>().as('count')])
        .where('s.key', '=', facet.toLowerCase())
        .where('s.value', 'is not', null)
        .groupBy(sql`coalesce(s.original_value, s.value)`);
      if (condition) {
        query = query.where('s.entity_id', 'in', this.base().select('e.id').where(this.where(condition)));
      }
      const rows = await query.execute();
      result[facet] = rows
        .map((r) => ({ value: r.value as string, count: Number(r.count) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return result;
  }

  async parentRefOf(ref: string): Promise<{ exists: boolean; parentRef: string | null; final: string | null }> {
    const row = await this.db.selectFrom('catalog_entities').select(['parent_ref', 'final']).where('ref', '=', ref).executeTakeFirst();
    return row ? { exists: true, parentRef: row.parent_ref, final: row.final } : { exists: false, parentRef: null, final: null };
  }

  async locationIdOf(ref: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('catalog_entities').select('location_id').where('ref', '=', ref.toLowerCase()).executeTakeFirst();
    return row?.location_id;
  }
}

/** Rows strictly after (or before) the boundary in (value nulls last, id) order. */
function keyset(
  value: Expression<string | null>,
  order: 'asc' | 'desc',
  boundary: { value: string | null; id: number },
  backwards: boolean,
): Expression<SqlBool> {
  // "greater" in the direction of travel: asc forwards or desc backwards both move to larger values.
  const towardsLarger = (order === 'asc') !== backwards;
  const cmp = towardsLarger ? sql`>` : sql`<`;
  const v = boundary.value;
  const id = boundary.id;
  if (!backwards) {
    if (v === null) return sql<SqlBool>`(${value} is null and e.id ${cmp} ${id})`;
    return sql<SqlBool>`(${value} ${cmp} ${v} or (${value} = ${v} and e.id ${cmp} ${id}) or ${value} is null)`;
  }
  if (v === null) return sql<SqlBool>`(${value} is not null or e.id ${cmp} ${id})`;
  return sql<SqlBool>`(${value} is not null and (${value} ${cmp} ${v} or (${value} = ${v} and e.id ${cmp} ${id})))`;
}
