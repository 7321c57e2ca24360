import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotAllowedError } from '../../core/errors';
import type { NotificationStore } from './NotificationStore';
import { notificationsPermissions } from './permissions';

const listQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const readBody = z.union([z.strictObject({ ids: z.array(z.string().min(1).max(100)).max(500) }), z.strictObject({ all: z.literal(true) })]);

/** Notifications are always the caller's own: the user comes from the principal, never from the request. */
function userOf(request: FastifyRequest): string {
  const userRef = request.principal.userEntityRef;
  if (!userRef) throw new NotAllowedError(`${request.principal.displayName} is not a user and has no notifications`);
  return userRef;
}

export function registerNotificationRoutes(http: FastifyInstance, store: NotificationStore) {
  http.get('/', { config: { permission: notificationsPermissions.read } }, async (request) => {
    const userRef = userOf(request);
    const query = listQuery.parse(request.query);
    return store.list(userRef, { unreadOnly: query.unread === 'true', limit: query.limit });
  });

  http.post('/read', { config: { permission: notificationsPermissions.update } }, async (request) => {
    const userRef = userOf(request);
    const body = readBody.parse(request.body ?? {});
    await store.markRead(userRef, 'all' in body ? 'all' : body.ids);
    return { unreadCount: await store.unreadCount(userRef) };
  });
}
