import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../core/database';
import type { NotificationsTables } from './tables';

export const severities = ['critical', 'high', 'normal', 'low'] as const;
export type Severity = (typeof severities)[number];

export interface NewNotification {
  title: string;
  description?: string;
  link?: string;
  severity: Severity;
  origin: string;
}

/** A notification as its recipient sees it (the wire shape). */
export interface UserNotification {
  id: string;
  title: string;
  description?: string;
  link?: string;
  severity: Severity;
  origin: string;
  createdAt: string;
  read: boolean;
}

/**
 * Notifications per user, plus broadcasts every user sees. Reads of a broadcast are kept per
 * user, so one user marking it read does not hide it from anyone else.
 */
export class NotificationStore {
  private readonly db: Kysely<NotificationsTables>;

  constructor(database: Database) {
    this.db = database.db as Kysely<NotificationsTables>;
  }

  /** Stores one copy per user (or a single broadcast when `userRefs` is 'broadcast'); answers how many were stored. */
  async send(userRefs: string[] | 'broadcast', notification: NewNotification): Promise<number> {
    const createdAt = new Date().toISOString();
    const targets = userRefs === 'broadcast' ? [null] : [...new Set(userRefs)];
    if (targets.length === 0) return 0;
    await this.db
      .insertInto('notifications')
      .values(
        targets.map((userRef) => ({
          id: randomUUID(),
          user_ref: userRef,
          title: notification.title,
          description: notification.description ?? null,
          link: notification.link ?? null,
          severity: notification.severity,
          origin: notification.origin,
          created_at: createdAt,
          read_at: null,
        })),
      )
      .execute();
    return targets.length;
  }

  /** The user's own and broadcast notifications with their read state, newest first. */
  private visibleTo(userRef: string) {
    return this.db
      .selectFrom('notifications as n')
      .leftJoin('notifications_broadcast_reads as r', (join) => join.onRef('r.notification_id', '=', 'n.id').on('r.user_ref', '=', userRef))
      .where((eb) => eb.or([eb('n.user_ref', '=', userRef), eb('n.user_ref', 'is', null)]));
  }

  async list(
    userRef: string,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<{ notifications: UserNotification[]; unreadCount: number }> {
    let query = this.visibleTo(userRef).select([
      'n.id',
      'n.title',
      'n.description',
      'n.link',
      'n.severity',
      'n.origin',
      'n.created_at',
      sql<number>`case when n.read_at is not null or r.read_at is not null then 1 else 0 end`.as('is_read'),
    ]);
    if (options.unreadOnly) query = query.where('n.read_at', 'is', null).where('r.read_at', 'is', null);
    const rows = await query.orderBy('n.created_at', 'desc').orderBy('n.id').limit(options.limit).execute();
    return {
      notifications: rows.map((row) => ({
        id: row.id,
        title: row.title,
        ...(row.description ? { description: row.description } : {}),
        ...(row.link ? { link: row.link } : {}),
        severity: row.severity as Severity,
        origin: row.origin,
        createdAt: row.created_at,
        read: Number(row.is_read) === 1,
      })),
      unreadCount: await this.unreadCount(userRef),
    };
  }

  async unreadCount(userRef: string): Promise<number> {
    const row = await this.visibleTo(userRef)
      .where('n.read_at', 'is', null)
      .where('r.read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Marks the given notifications (or all when `ids` is 'all') read for the user; ids of others are ignored. */
  async markRead(userRef: string, ids: string[] | 'all'): Promise<void> {
    const readAt = new Date().toISOString();
    if (ids !== 'all' && ids.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      let own = trx.updateTable('notifications').set({ read_at: readAt }).where('user_ref', '=', userRef).where('read_at', 'is', null);
      if (ids !== 'all') own = own.where('id', 'in', ids);
      await own.execute();

      let broadcasts = trx.selectFrom('notifications').select('id').where('user_ref', 'is', null);
      if (ids !== 'all') broadcasts = broadcasts.where('id', 'in', ids);
      const toMark = (await broadcasts.execute()).map((row) => ({ notification_id: row.id, user_ref: userRef, read_at: readAt }));
      if (toMark.length) {
        await trx
          .insertInto('notifications_broadcast_reads')
          .values(toMark)
          .onConflict((oc) => oc.columns(['notification_id', 'user_ref']).doNothing())
          .execute();
      }
    });
  }
}
