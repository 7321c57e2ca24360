import { apiFetch } from '../../api/http';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEvent {
  id: string;
  at: string;
  actor: { ref: string; type: string; displayName: string };
  action: string;
  resource?: string;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  outcome?: string;
  /** Dates as the date inputs give them (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
}

/** Reading the audit log; the server's audit plugin checks it on GET /api/audit/events. */
export const AUDIT_READ_PERMISSION = 'audit.events.read';
export const PAGE_SIZE = 50;

export function listAuditEvents(filters: AuditFilters, cursor?: string) {
  const params = new URLSearchParams();
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.action) params.set('action', filters.action);
  if (filters.outcome) params.set('outcome', filters.outcome);
  // A date means the whole day in the reader's time zone: from its first to its last millisecond.
  if (filters.from) params.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) params.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return apiFetch<{ items: AuditEvent[]; nextCursor?: string }>(`/api/audit/events?${params}`);
}
