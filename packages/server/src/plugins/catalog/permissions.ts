import type { Permission } from '../../core/permissions';

/** The catalog's permissions; names match Backstage's so policies read the same. */
export const catalogPermissions = {
  entityRead: { name: 'catalog.entity.read', resourceType: 'catalog-entity' },
  entityDelete: { name: 'catalog.entity.delete', resourceType: 'catalog-entity' },
  entityRefresh: { name: 'catalog.entity.refresh', resourceType: 'catalog-entity' },
  entityValidate: { name: 'catalog.entity.validate' },
  locationRead: { name: 'catalog.location.read' },
  locationCreate: { name: 'catalog.location.create' },
  locationDelete: { name: 'catalog.location.delete' },
  locationAnalyze: { name: 'catalog.location.analyze' },
} satisfies Record<string, Permission>;
