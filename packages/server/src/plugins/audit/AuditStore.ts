import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AuditEvent, AuditOutcome, AuditSink } from '../../core/audit';
import type { Database } from '../../core/database';
import { encodeCursor, type AuditCursor } from './cursor';
import type { AuditEventRow, AuditTables } from './tables';

export interface AuditFilter {
  /** The actor's ref, exactly (`user:default/jane`, `service:ci`, `guest`). */
  actor?: string;
  /** An action (`catalog.location.create`), or a prefix of whole segments (`catalog`, `catalog.location.`). */
  action?: string;
  outcome?: AuditOutcome;
  /** Inclusive bounds, ISO 8601 in UTC. */
  from?: string;
  to?: string;
}

/** An event as the audit page receives it. */
export interface AuditEventView {
  id: string;
  at: string;
  actor: AuditEvent['actor'];
  action: string;
  resource?: string;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
}

/**
 * The audit log in the database. It keeps every event: there is no retention setting, and an
 * audit log that drops entries on its own cannot be trusted; pruning is an operator's decision.
 */
export class AuditStore implements AuditSink {
  private readonly db: Kysely<AuditTables>;
  /** Writes not yet finished, so shutdown can wait for them instead of losing events. */
  private readonly pending = new Set<Promise<void>>();

  constructor(database: Database) {
    this.db = database.db as Kysely<AuditTables>;
  }

  write(event: AuditEvent): Promise<void> {
    const write = this.insert(event).finally(() => this.pending.delete(write));
    this.pending.add(write);
    return write;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** One page, newest first; `after` is the cursor of the previous page. */
  async list(filter: AuditFilter, page: { limit: number; after?: AuditCursor }): Promise<{ items: AuditEventView[]; nextCursor?: string }> {
    let query = this.db.selectFrom('audit_events').selectAll();
    if (filter.actor) query = query.where('actor_ref', '=', filter.actor);
    if (filter.action) query = query.where((eb) => actionMatches(eb, filter.action!));
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<=', filter.to);
    const after = page.after;
    if (after) query = query.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]));
    // One row more than asked tells whether an older page exists.
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(presentEvent),
      ...(rows.length > page.limit && last ? { nextCursor: encodeCursor({ at: last.at, id: Number(last.id) }) } : {}),
    };
  }

  private async insert(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        at: event.at.toISOString(),
        actor_ref: event.actor.ref,
        actor_type: event.actor.type,
        actor_name: event.actor.displayName,
        action: event.action,
        resource: event.resource ?? null,
        outcome: event.outcome,
        details: event.details && Object.keys(event.details).length ? JSON.stringify(event.details) : null,
      })
      .execute();
  }
}

/** `catalog` and `catalog.` match `catalog.location.create`; `cat` does not (whole segments only). */
function actionMatches(eb: ExpressionBuilder<AuditTables, 'audit_events'>, action: string) {
  const prefix = action.endsWith('.') ? action : `${action}.`;
  return eb.or([eb('action', '=', action), eb(sql<string>`substr(action, 1, ${sql.lit(prefix.length)})`, '=', prefix)]);
}

function presentEvent(row: AuditEventRow): AuditEventView {
  return {
    id: String(row.id),
    at: row.at,
    actor: { ref: row.actor_ref, type: row.actor_type as AuditEventView['actor']['type'], displayName: row.actor_name },
    action: row.action,
    ...(row.resource !== null ? { resource: row.resource } : {}),
    outcome: row.outcome as AuditOutcome,
    ...(row.details !== null ? { details: JSON.parse(row.details) as Record<string, unknown> } : {}),
  };
}
