import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditStore } from './AuditStore';
import { decodeCursor } from './cursor';
import { auditPermissions } from './permissions';

/** Any ISO 8601 timestamp with a zone (`Z` or `+02:00`), compared as UTC like the stored `at`. */
const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone' })
  .transform((value) => new Date(value).toISOString());

// Strict: a misspelt filter answers 400 rather than an unfiltered log that looks filtered.
const listQuery = z
  .strictObject({
    actor: z.string().trim().min(1).max(500).optional(),
    action: z.string().trim().min(1).max(200).optional(),
    outcome: z.enum(['allowed', 'denied', 'failed']).optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .transform(
        (text, ctx) => decodeCursor(text) ?? (ctx.addIssue({ code: 'custom', message: 'is not a cursor this API gave out' }), z.NEVER),
      )
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export function registerAuditRoutes(http: FastifyInstance, store: AuditStore) {
  // The cursor carries only a position: send the same filters with it.
  http.get('/events', { config: { permission: auditPermissions.eventsRead } }, async (request) => {
    const { limit, cursor, ...filter } = listQuery.parse(request.query);
    return store.list(filter, { limit, after: cursor });
  });
}
