import type { Permission } from '../../core/permissions';

export const searchPermissions = {
  query: { name: 'search.query' },
  status: { name: 'search.status.read' },
} satisfies Record<string, Permission>;
