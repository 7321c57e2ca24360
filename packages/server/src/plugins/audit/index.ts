import { auditSinks } from '../../core/audit';
import { definePlugin } from '../../core/plugin';
import { AuditStore } from './AuditStore';
import { auditMigrations } from './migrations';
import { registerAuditRoutes } from './routes';

/** The audit log: stores what core/http.ts and plugins record, and lists it at GET /api/audit/events. */
export const auditPlugin = definePlugin({
  id: 'audit',
  migrations: auditMigrations,
  register(ctx) {
    const store = new AuditStore(ctx.database);
    ctx.contribute(auditSinks, store);
    registerAuditRoutes(ctx.http, store);
    // Requests answered just before shutdown still get their events written.
    ctx.onStop(() => store.flush());
  },
});
