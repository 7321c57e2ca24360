import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export const scaffolderMigrations: Record<string, Migration> = {
  '0001_tasks': {
    async up(db) {
      await db.schema
        .createTable('scaffolder_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('secrets', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_heartbeat_at', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('steps', 'text', (c) => c.notNull())
        .addColumn('output', 'text')
        .addColumn('error', 'text')
        .addColumn('cancel_requested_at', 'text')
        .execute();
      await db.schema.createIndex('scaffolder_tasks_status').on('scaffolder_tasks').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('scaffolder_tasks_created_by').on('scaffolder_tasks').columns(['created_by', 'created_at']).execute();
      const postgres = isPostgres(db);
      await db.schema
        .createTable('scaffolder_task_events')
        .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('task_id', 'text', (c) => c.notNull().references('scaffolder_tasks.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scaffolder_task_events_task').on('scaffolder_task_events').columns(['task_id', 'id']).execute();
    },
  },
};
