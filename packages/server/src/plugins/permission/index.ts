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
        items.map(async (item) => {
          try {
            await ctx.permissions.authorize(request.principal, { name: item.permission }, item.resourceRef);
            return { id: item.id, result: 'ALLOW' as const };
          } catch (error) {
            if (error instanceof NotAllowedError) return { id: item.id, result: 'DENY' as const };
            throw error;
          }
        }),
      );
      return { items: answers };
    });
  },
});
