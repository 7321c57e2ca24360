import { z } from 'zod';
import { NotAllowedError } from '../../core/errors';
import { definePlugin } from '../../core/plugin';

const authorizeBody = z.strictObject({
  items: z
    .array(z.strictObject({ id: z.string().min(1), permission: z.string().min(1), resourceRef: z.string().min(1).optional() }))
    .max(100, 'at most 100 items per request'),
});

/**
 * Backstage's permission API for the portal: may the caller do these things? The answer comes from
 * the one policy every route is checked against, so a button shown is a request that is allowed.
 */
export const permissionPlugin = definePlugin({
  id: 'permission',
  register(ctx) {
    // Public: it only ever answers about the caller's own permissions.
    ctx.http.post('/authorize', { config: { public: true, audit: false } }, async (request) => {
      const { items } = authorizeBody.parse(request.body ?? {});
      const answers = await Promise.all(
        items.map(async ({ id, permission, resourceRef }) => {
          // Without a resource, a conditional decision is passed on as Backstage does: allowed on
          // the resources that match these conditions (a list then shows only those).
          if (!resourceRef) {
            const decision = await ctx.permissions.decide(request.principal, { name: permission });
            if (decision === 'allow') return { id, result: 'ALLOW' as const };
            if (decision === 'deny') return { id, result: 'DENY' as const };
            return { id, result: 'CONDITIONAL' as const, resourceType: decision.resourceType, conditions: decision.conditions };
          }
          try {
            await ctx.permissions.authorize(request.principal, { name: permission }, resourceRef);
            return { id, result: 'ALLOW' as const };
          } catch (error) {
            if (error instanceof NotAllowedError) return { id, result: 'DENY' as const };
            throw error;
          }
        }),
      );
      return { items: answers };
    });
  },
});
