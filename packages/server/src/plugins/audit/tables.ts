import type { Generated, Selectable } from 'kysely';

/** The audit plugin's table: one row per audited action, never updated or deleted. */
export interface AuditTables {
  audit_events: {
    /** Auto-increment; breaks ties between events of the same millisecond, newest last. */
    id: Generated<number>;
    /** ISO 8601 in UTC (`toISOString()`), so text order is time order on both engines. */
    at: string;
    actor_ref: string;
    actor_type: string;
    actor_name: string;
    action: string;
    resource: string | null;
    outcome: string;
    /** JSON text. */
    details: string | null;
  };
}

export type AuditEventRow = Selectable<AuditTables['audit_events']>;
