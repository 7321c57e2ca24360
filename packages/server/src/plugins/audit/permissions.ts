import type { Permission } from '../../core/permissions';

/** Reading the log is an admin's business: it shows who did what across the whole portal. */
export const auditPermissions = {
  eventsRead: { name: 'audit.events.read' },
} satisfies Record<string, Permission>;
