import { stringifyEntityRef } from '@greenroom/model';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../core/identity';
import type { Permissions } from '../../core/permissions';
import { techdocsPermissions } from './permissions';

/**
 * Documentation is as visible as its entity: besides each route's own check, a route about one
 * entity (`:namespace/:kind/:name`) asks the policy about that entity, so a policy that hides
 * an entity hides its docs too.
 */
export function authorizeEachEntity(http: FastifyInstance, permissions: Permissions) {
  http.addHook('preHandler', async (request) => {
    const { namespace, kind, name } = (request.params ?? {}) as Partial<Record<'namespace' | 'kind' | 'name', string>>;
    if (!namespace || !kind || !name) return;
    await permissions.authorize(request.principal, techdocsPermissions.read, stringifyEntityRef({ kind, namespace, name }));
  });
}

/** Whether the principal may read this entity's documentation (for lists, which show only what it may read). */
export async function mayRead(permissions: Permissions, principal: Principal, entityRef: string): Promise<boolean> {
  return permissions.authorize(principal, techdocsPermissions.read, entityRef).then(
    () => true,
    () => false,
  );
}
