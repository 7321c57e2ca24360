import type { Migration } from 'kysely';

export const techdocsMigrations: Record<string, Migration> = {
  '0001_techdocs_builds': {
    async up(db) {
      await db.schema
        .createTable('techdocs_builds')
        .addColumn('entity_ref', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        /** Hash of the documentation source last built; an unchanged source is not built again. */
        .addColumn('source_hash', 'text')
        .addColumn('built_at', 'text')
        .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('error', 'text')
        .execute();
    },
  },
};
