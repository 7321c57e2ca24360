import type { Permission } from '../../core/permissions';

export const techdocsPermissions = {
  /** Reading an entity's documentation follows reading the entity. */
  read: { name: 'catalog.entity.read', resourceType: 'catalog-entity' },
} satisfies Record<string, Permission>;
