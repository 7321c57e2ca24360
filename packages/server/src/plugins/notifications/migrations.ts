import type { Migration } from 'kysely';

export const notificationsMigrations: Record<string, Migration> = {
  '0001_notifications': {
    async up(db) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_ref', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('link', 'text')
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      // The bell asks "my newest" every 30 s per open tab.
      await db.schema.createIndex('notifications_user_created').on('notifications').columns(['user_ref', 'created_at']).execute();
      await db.schema
        .createTable('notifications_broadcast_reads')
        .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
        .addColumn('user_ref', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notifications_broadcast_reads_pk', ['notification_id', 'user_ref'])
        .execute();
    },
  },
};
