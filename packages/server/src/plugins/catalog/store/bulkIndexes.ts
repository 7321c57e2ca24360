import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../core/database';

/**
 * Secondary indexes that a bulk load drops and rebuilds: maintaining them row by row
 * costs about three times building them once from sorted data. Migrations create them
 * from the same list, so both always agree.
 */
export const RELATION_INDEXES = [
  { name: 'catalog_relations_origin', table: 'catalog_relations', columns: ['originating_id'] },
  { name: 'catalog_relations_source', table: 'catalog_relations', columns: ['source_ref', 'type'] },
  { name: 'catalog_relations_target', table: 'catalog_relations', columns: ['target_ref'] },
];

// original_value rides along (mostly null) so facets are answered from the index alone.
export const SEARCH_INDEXES = [
  { name: 'catalog_search_key_value', table: 'catalog_search', columns: ['key', 'value', 'entity_id', 'original_value'] },
];

type IndexSpec = (typeof RELATION_INDEXES)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createIndexes(db: Kysely<any>, indexes: IndexSpec[]) {
  for (const index of indexes) {
    await db.schema.createIndex(index.name).ifNotExists().on(index.table).columns(index.columns).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function dropIndexes(db: Kysely<any>, indexes: IndexSpec[]) {
  for (const index of indexes) await sql`drop index if exists ${sql.ref(index.name)}`.execute(db);
}

/** Runs `work` without the given indexes, and rebuilds them afterwards whatever happens. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function withoutIndexes<T>(db: Kysely<any>, indexes: IndexSpec[], work: () => Promise<T>): Promise<T> {
  await dropIndexes(db, indexes);
  try {
    return await work();
  } finally {
    await createIndexes(db, indexes);
  }
}

/**
 * After a bulk load PostgreSQL's planner still believes the tables are small and picks
 * hash joins over tens of thousands of rows for a filter matching three; fresh statistics
 * (and a visibility map, for index-only scans) fix that. SQLite's plans do not depend on them.
 */
export async function refreshStatistics(database: Database, tables: string[]) {
  if (database.engine !== 'postgres') return;
  for (const table of tables) await sql`vacuum (analyze) ${sql.table(table)}`.execute(database.db);
}
