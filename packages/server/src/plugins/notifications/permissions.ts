import type { Permission } from '../../core/permissions';

/** A caller only ever reaches their own notifications; these decide whether they may use them at all. */
export const notificationsPermissions = {
  read: { name: 'notifications.read' },
  update: { name: 'notifications.update' },
} satisfies Record<string, Permission>;
