/**
 * What an access token's scopes let it do, by permission name. A scope only narrows: a token
 * can never do more than the user or service it belongs to. `*` is everything its holder may do.
 */
const PERMISSIONS_BY_SCOPE: Readonly<Record<string, readonly string[]>> = {
  'catalog:read': ['catalog.entity.read', 'catalog.location.read', 'search.query', 'search.status.read'],
  'catalog:write': [
    'catalog.entity.read',
    'catalog.entity.refresh',
    'catalog.entity.delete',
    'catalog.entity.validate',
    'catalog.location.read',
    'catalog.location.create',
    'catalog.location.delete',
    'catalog.location.analyze',
  ],
  'scaffolder:run': [
    'catalog.entity.read',
    'scaffolder.task.create',
    'scaffolder.task.read',
    'scaffolder.task.cancel',
    'scaffolder.action.execute',
    'scaffolder.template.parameter.read',
  ],
};

export const TOKEN_SCOPES = ['*', ...Object.keys(PERMISSIONS_BY_SCOPE)] as const;

export function scopeAllows(scopes: readonly string[], permissionName: string): boolean {
  return scopes.some((scope) => scope === '*' || (PERMISSIONS_BY_SCOPE[scope]?.includes(permissionName) ?? false));
}
