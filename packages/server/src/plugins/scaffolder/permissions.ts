import type { Permission } from '../../core/permissions';

/** Backstage's scaffolder permission names, so existing policies read the same. */
export const scaffolderPermissions = {
  taskCreate: { name: 'scaffolder.task.create' },
  taskRead: { name: 'scaffolder.task.read' },
  taskCancel: { name: 'scaffolder.task.cancel' },
  actionExecute: { name: 'scaffolder.action.execute' },
  templateParameterRead: { name: 'scaffolder.template.parameter.read', resourceType: 'catalog-entity' },
} satisfies Record<string, Permission>;
