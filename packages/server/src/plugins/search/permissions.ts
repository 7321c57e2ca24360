import type { Permission } from '../../core/permissions';

export const searchPermissions = {
  query: { name: 'search.query' },
  status: { name: 'search.status.read' },
  /** Results about an entity are shown only to those who may read it (as techdocs does). */
  entityRead: { name: 'catalog.entity.read', resourceType: 'catalog-entity' },
} satisfies Record<string, Permission>;
