import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export const auditMigrations: Record<string, Migration> = {
  '0001_audit_events': {
    async up(db) {
      const postgres = isPostgres(db);
      await db.schema
        .createTable('audit_events')
        .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_ref', 'text', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resource', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .execute();
      // The page lists newest first, and pages by (at, id); each filter gets an index in that order too.
      await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_ref', 'at', 'id']).execute();
      await db.schema.createIndex('audit_events_action').on('audit_events').columns(['action', 'at', 'id']).execute();
      await db.schema.createIndex('audit_events_outcome').on('audit_events').columns(['outcome', 'at', 'id']).execute();
    },
  },
};
