import { sql, type Kysely, type Migration } from 'kysely';

/** Whether the migration runs on PostgreSQL; the full-text structures differ per engine. */
async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export const searchMigrations: Record<string, Migration> = {
  '0001_search_index': {
    async up(db) {
      const postgres = await isPostgres(db);
      await db.schema
        .createTable('search_documents')
        .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        // Rows of one build; a rebuild fills the next generation and then switches to it.
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('names', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_documents_key').unique().on('search_documents').columns(['generation', 'type', 'key']).execute();
      await db.schema.createIndex('search_documents_title').on('search_documents').columns(['generation', 'title']).execute();
      await db.schema
        .createTable('search_filters')
        .addColumn('doc_id', 'bigint', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_filters_lookup').on('search_filters').columns(['key', 'value', 'doc_id']).execute();
      await db.schema.createIndex('search_filters_doc').on('search_filters').column('doc_id').execute();
      await db.schema
        .createTable('search_vocabulary')
        .addColumn('word', 'text', (c) => c.primaryKey())
        .execute();
      await db.schema
        .createTable('search_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      if (postgres) {
        await sql`alter table search_documents add column tsv tsvector not null`.execute(db);
        await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
      } else {
        // Porter stems English words (payment ~ payments); unicode61 folds case and accents.
        await sql`create virtual table search_fts using fts5(title, names, text, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
      }
    },
  },
  '0002_search_scope_tokens': {
    // Filters, types and the generation become tokens of the full-text index (see engine/scopeTokens.ts),
    // so search_filters keeps only facet values.
    // The index is emptied here; the indexer rebuilds it when the server starts.
    async up(db) {
      const postgres = await isPostgres(db);
      await sql`delete from search_filters`.execute(db);
      await sql`delete from search_documents`.execute(db);
      if (postgres) {
        await sql`alter table search_documents add column tsv_title tsvector not null`.execute(db);
        await sql`create index search_documents_tsv_title on search_documents using gin (tsv_title)`.execute(db);
      } else {
        await sql`drop table search_fts`.execute(db);
        await sql`create virtual table search_fts using fts5(title, names, text, scope, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
        // bm25 weights per column: names and titles first, the text after, scope tokens not at all.
        await sql`insert into search_fts(search_fts, rank) values ('rank', 'bm25(10.0, 8.0, 1.0, 0.0)')`.execute(db);
      }
      // search_filters now only holds facet values, counted per matching document.
      await sql`drop index search_filters_lookup`.execute(db);
      await sql`drop index search_filters_doc`.execute(db);
      await sql`create index search_filters_doc on search_filters (doc_id, key, value)`.execute(db);
      await sql`create index search_documents_name on search_documents (generation, name)`.execute(db);
      await sql`create index search_documents_lower_title on search_documents (generation, lower(title))`.execute(db);
      await sql`drop index search_documents_title`.execute(db);
    },
  },
  '0003_search_entity_ref': {
    // The entity a document is about, as a column: queries of a caller who may not read every entity
    // keep only the documents about entities they may read (engine/SearchIndex.ts).
    async up(db) {
      const postgres = await isPostgres(db);
      await db.schema.alterTable('search_documents').addColumn('entity_ref', 'text').execute();
      const ref = postgres ? sql`fields::json ->> 'entityRef'` : sql`json_extract(fields, '$.entityRef')`;
      await sql`update search_documents set entity_ref = lower(${ref})`.execute(db);
    },
  },
};
