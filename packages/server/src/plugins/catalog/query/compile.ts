import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DatabaseEngine } from '../../../core/database';
import type { CatalogTables } from '../store/tables';
import type { Condition, Leaf } from './conditions';

/** Expressions over `catalog_entities as e`, the alias every catalog read uses. */
export type EntityExpressions = ExpressionBuilder<CatalogTables & { e: CatalogTables['catalog_entities'] }, 'e'>;
type Builder = EntityExpressions;

export interface FullTextFilter {
  term: string;
  fields: string[];
}

/** Compiles a condition to a WHERE expression over `catalog_entities as e`, answered from the search index. */
export function compileCondition(eb: Builder, condition: Condition): Expression<SqlBool> {
  if ('all' in condition) return condition.all.length ? eb.and(condition.all.map((c) => compileCondition(eb, c))) : sql<SqlBool>`1 = 1`;
  if ('any' in condition) return condition.any.length ? eb.or(condition.any.map((c) => compileCondition(eb, c))) : sql<SqlBool>`1 = 0`;
  if ('not' in condition) return eb.not(compileCondition(eb, condition.not));
  if ('chain' in condition) return condition.mode === 'drive' ? compileChain(eb, condition.chain) : compileProbes(eb, condition.chain);
  const { key, values, prefix } = condition;
  if (values && values.length === 0) return sql<SqlBool>`1 = 0`;
  let rows = eb.selectFrom('catalog_search').select('catalog_search.entity_id').where('catalog_search.key', '=', key);
  if (values) rows = rows.where('catalog_search.value', 'in', values);
  if (prefix !== undefined) rows = rows.where(sql<SqlBool>`catalog_search.value like ${`${escapeLike(prefix)}%`} escape '\\'`);
  return eb('e.id', 'in', rows);
}

/**
 * A conjunction as one join over the search index, in the given order: SQLite keeps the
 * order of a CROSS JOIN, so the most selective leaf drives and every other leaf is a
 * point lookup on (key, value, entity_id). PostgreSQL plans the join with its own statistics.
 */
function compileChain(eb: Builder, leaves: Leaf[]): Expression<SqlBool> {
  return sql<SqlBool>`e.id in (${entityIdsOfChain(leaves)})`;
}

/** The ids of entities matching every leaf, as one join over the search index (see compileChain). */
export function entityIdsOfChain(leaves: Leaf[]) {
  if (leaves.some((l) => l.values && l.values.length === 0)) return sql`select null where 1 = 0`;
  const tables = leaves.map((_, i) => sql.raw(`s${i}`));
  const conditions = leaves.map((leaf, i) => {
    const parts = [leafMatch(tables[i], leaf)];
    if (i > 0) parts.push(sql`${tables[i]}.entity_id = s0.entity_id`);
    return sql.join(parts, sql` and `);
  });
  const from = sql.join(
    tables.map((t) => sql`catalog_search ${t}`),
    sql` cross join `,
  );
  return sql`select s0.entity_id from ${from} where ${sql.join(conditions, sql` and `)}`;
}

/** Every leaf as a lookup on (key, value, entity_id) for the entity at hand. */
function compileProbes(eb: Builder, leaves: Leaf[]): Expression<SqlBool> {
  if (leaves.some((l) => l.values && l.values.length === 0)) return sql<SqlBool>`1 = 0`;
  return eb.and(
    leaves.map(
      (leaf) => sql<SqlBool>`exists (select 1 from catalog_search p where ${leafMatch(sql.raw('p'), leaf)} and p.entity_id = e.id)`,
    ),
  );
}

function leafMatch(table: ReturnType<typeof sql.raw>, leaf: Leaf) {
  const parts = [sql`${table}.key = ${leaf.key}`];
  if (leaf.values) parts.push(sql`${table}.value in (${sql.join(leaf.values)})`);
  if (leaf.prefix !== undefined) parts.push(sql`${table}.value like ${`${escapeLike(leaf.prefix)}%`} escape '\\'`);
  return sql.join(parts, sql` and `);
}

export function compileFullText(eb: Builder, filter: FullTextFilter, engine: DatabaseEngine): Expression<SqlBool> {
  const term = filter.term.trim().toLowerCase();
  const keys = filter.fields.map((f) => f.toLowerCase());
  if (engine === 'postgres') {
    // = ANY(ARRAY(…)) makes PostgreSQL find the matches first (once) and fetch those
    // entities; with IN it walks every entity in sort order and probes each.
    return sql<SqlBool>`e.id = any(array(select s.entity_id from catalog_search s
      where s.key in (${sql.join(keys)}) and s.value like ${`%${escapeLike(term)}%`} escape '\\'))`;
  }
  return eb(
    'e.id',
    'in',
    eb
      .selectFrom('catalog_search')
      .select('catalog_search.entity_id')
      .where('catalog_search.key', 'in', keys)
      .where(sql<SqlBool>`instr(catalog_search.value, ${term}) > 0`),
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Fields whose sort value lives on the entities row itself (indexed); others come from the search rows. */
const COLUMN_SORTS: Record<string, 'e.name' | 'e.kind' | 'e.namespace'> = {
  'metadata.name': 'e.name',
  kind: 'e.kind',
  'metadata.namespace': 'e.namespace',
};

export interface SortExpression {
  expr: Expression<string | null>;
  nullable: boolean;
  /** Set when the value comes from the search rows of this key (not from an entities column). */
  searchKey?: string;
}

/** What a query sorts on: the field's (lowercased) value; the entity ref when no field is given. */
export function sortExpression(field: string | undefined): SortExpression {
  if (!field) return { expr: sql<string>`e.ref`, nullable: false };
  const key = field.toLowerCase();
  const column = COLUMN_SORTS[key];
  // Entity columns are never null, and their indexes give the order without sorting.
  if (column) return { expr: sql.ref<string>(column), nullable: false };
  return {
    // `(s.key || '')` keeps the planner off the (key, value) index here: probing it per entity
    // scans every row of the key each time (quadratic); the primary key finds an entity's rows.
    expr: sql<string | null>`(select min(s.value) from catalog_search s where s.entity_id = e.id and (s.key || '') = ${key})`,
    nullable: true,
    searchKey: key,
  };
}

/** Each entity's sort value for a search key, computed in one pass: joined as `sv` (entity_id, v). */
export function sortValuesTable(db: Kysely<CatalogTables>, key: string) {
  return db
    .selectFrom('catalog_search')
    .select(['catalog_search.entity_id', sql<string | null>`min(catalog_search.value)`.as('v')])
    .where('catalog_search.key', '=', key)
    .groupBy('catalog_search.entity_id')
    .as('sv');
}
