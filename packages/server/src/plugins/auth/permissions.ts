import type { Permission } from '../../core/permissions';

/** A caller only ever reaches their own tokens; these decide whether they may use tokens at all. */
export const authPermissions = {
  tokenRead: { name: 'auth.token.read' },
  tokenCreate: { name: 'auth.token.create' },
  tokenRevoke: { name: 'auth.token.revoke' },
} satisfies Record<string, Permission>;
