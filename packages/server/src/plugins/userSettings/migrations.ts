import type { Migration } from 'kysely';

export const userSettingsMigrations: Record<string, Migration> = {
  '0001_user_settings': {
    async up(db) {
      await db.schema
        .createTable('user_settings')
        .addColumn('user_ref', 'text', (c) => c.notNull())
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_settings_pk', ['user_ref', 'bucket', 'key'])
        .execute();
    },
  },
};
