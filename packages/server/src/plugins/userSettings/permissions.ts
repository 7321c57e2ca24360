import type { Permission } from '../../core/permissions';

/** A caller only ever reaches their own settings; these decide whether they may use settings at all. */
export const userSettingsPermissions = {
  read: { name: 'user-settings.read' },
  write: { name: 'user-settings.write' },
} satisfies Record<string, Permission>;
