import { NotAllowedError } from './errors';
import type { Principal } from './identity';

/** A named action a caller may or may not perform, e.g. `catalog.entity.read`. */
export interface Permission {
  name: string;
  /** The kind of resource the permission is about, when it concerns one (e.g. `catalog-entity`). */
  resourceType?: string;
}

export type Decision = 'allow' | 'deny';

/** The one policy of a server: every route's permission goes through it. */
export interface PermissionPolicy {
  decide(principal: Principal, permission: Permission, resourceRef?: string): Promise<Decision> | Decision;
}

/** Allows everything: the embedded default until a policy is configured (see the sign-in issue). */
export const allowAllPolicy: PermissionPolicy = { decide: () => 'allow' };

export interface Permissions {
  /** Throws NotAllowedError unless the policy allows `principal` to do `permission` (on `resourceRef`). */
  authorize(principal: Principal, permission: Permission, resourceRef?: string): Promise<void>;
}

export function createPermissions(policy: PermissionPolicy = allowAllPolicy): Permissions {
  return {
    async authorize(principal, permission, resourceRef) {
      const decision = await policy.decide(principal, permission, resourceRef);
      if (decision !== 'allow') {
        const target = resourceRef ? ` on ${resourceRef}` : '';
        throw new NotAllowedError(`${principal.displayName} may not ${permission.name}${target}`);
      }
    },
  };
}
