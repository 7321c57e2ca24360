import type { Principal } from './identity';
import type { Logger } from './logger';
import { extensionPoint } from './plugin';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

/** One state-changing action, or an attempt at one: who, what, on which resource, and how it ended. */
export interface AuditEvent {
  at: Date;
  actor: { ref: string; type: Principal['type']; displayName: string };
  /** A permission name (`catalog.location.create`) or an auth event (`auth.signin`). */
  action: string;
  resource?: string;
  outcome: AuditOutcome;
  /** Never secrets: tokens and passwords stay out of the log. */
  details?: Record<string, unknown>;
}

/** Where audit events are kept; the audit plugin contributes the database one. */
export interface AuditSink {
  write(event: AuditEvent): Promise<void>;
}

export const auditSinks = extensionPoint<AuditSink>('core.auditSinks');

export interface Auditor {
  /** Records in the background: auditing never fails or slows the request it describes. */
  record(principal: Principal, event: Omit<AuditEvent, 'at' | 'actor'>): void;
}

export function actorOf(principal: Principal): AuditEvent['actor'] {
  const ref = principal.userEntityRef ?? (principal.subject ? `service:${principal.subject}` : principal.type);
  return { ref, type: principal.type, displayName: principal.displayName };
}

export function createAuditor(sinks: () => AuditSink[], logger: Logger): Auditor {
  return {
    record(principal, event) {
      const full: AuditEvent = { ...event, at: new Date(), actor: actorOf(principal) };
      for (const sink of sinks()) {
        sink.write(full).catch((error: unknown) => logger.error({ err: error, action: event.action }, 'audit event could not be written'));
      }
    },
  };
}
