import type { Permission } from '../../core/permissions';

export const searchPermissions = {
  query: { name: 'search.query' },
} satisfies Record<string, Permission>;
