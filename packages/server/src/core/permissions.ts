import { NotAllowedError } from './errors';
import type { Principal } from './identity';
import { scopeAllows } from './scopes';

/** A named action a caller may or may not perform, e.g. `catalog.entity.read`. */
export interface Permission {
  name: string;
  /** The kind of resource the permission is about, when it concerns one (e.g. `catalog-entity`). */
  resourceType?: string;
}

/**
 * Conditions on a resource, as Backstage's permission framework writes them: a tree of
 * `allOf` / `anyOf` / `not` over rules that the resource's plugin knows (e.g. the catalog's
 * `isEntityOwner`), so they can be checked on one resource or turned into a database filter.
 */
export type Criteria = { allOf: Criteria[] } | { anyOf: Criteria[] } | { not: Criteria } | RuleCondition;

export interface RuleCondition {
  rule: string;
  params?: Record<string, unknown>;
}

/** `allow`, `deny`, or "allowed on the resources that match these conditions". */
export type PolicyDecision = 'allow' | 'deny' | { resourceType: string; conditions: Criteria };

/** The one policy of a server: every route's permission goes through it. */
export interface PermissionPolicy {
  /**
   * Decides for a caller. A policy may look at `resourceRef` itself, or answer with conditions
   * that the resource's plugin evaluates (and, for lists, turns into a database filter).
   */
  decide(principal: Principal, permission: Permission, resourceRef?: string): Promise<PolicyDecision> | PolicyDecision;
}

/** Allows everything: the default when no policy is configured. */
export const allowAllPolicy: PermissionPolicy = { decide: () => 'allow' };

/** How the plugin that owns a resource type checks conditions on one of its resources. */
export interface ResourceRules {
  /** Whether the resource matches; false when it does not exist. */
  matches(resourceRef: string, conditions: Criteria): Promise<boolean>;
  /** The refs among `resourceRefs` that match, checked together (lists such as search results); absent ones never do. */
  filterMatching?(resourceRefs: string[], conditions: Criteria): Promise<Set<string>>;
}

export interface Permissions {
  /**
   * Throws NotAllowedError unless `principal` may do `permission` (on `resourceRef`). Without a
   * resource, a conditional answer passes: the route then checks each resource it touches.
   */
  authorize(principal: Principal, permission: Permission, resourceRef?: string): Promise<void>;
  /** The decision for lists: the plugin filters its query by the conditions. */
  decide(principal: Principal, permission: Permission): Promise<PolicyDecision>;
  /**
   * The refs among `resourceRefs` on which `principal` may do `permission`, for a list assembled
   * elsewhere (search results): one decision, its conditions checked on all of them at once.
   */
  filterAuthorized(principal: Principal, permission: Permission, resourceRefs: string[]): Promise<Set<string>>;
  /** A plugin registers how conditions on its resource type are checked. */
  addResourceRules(resourceType: string, rules: ResourceRules): void;
}

export function createPermissions(policy: PermissionPolicy = allowAllPolicy): Permissions {
  const rulesByType = new Map<string, ResourceRules>();

  const refuse = (principal: Principal, permission: Permission, resourceRef?: string, why = '') => {
    const target = resourceRef ? ` on ${resourceRef}` : '';
    return new NotAllowedError(`${principal.displayName} may not ${permission.name}${target}${why}`);
  };

  const decide = async (principal: Principal, permission: Permission, resourceRef?: string): Promise<PolicyDecision> => {
    // A token's scopes narrow what its holder may do; they never widen it.
    if (principal.scopes && !scopeAllows(principal.scopes, permission.name)) return 'deny';
    return policy.decide(principal, permission, resourceRef);
  };

  return {
    async authorize(principal, permission, resourceRef) {
      if (principal.scopes && !scopeAllows(principal.scopes, permission.name)) {
        throw refuse(principal, permission, resourceRef, ` (the token's scopes ${principal.scopes.join(', ')} do not include it)`);
      }
      const decision = await policy.decide(principal, permission, resourceRef);
      if (decision === 'allow') return;
      if (decision === 'deny') throw refuse(principal, permission, resourceRef);
      if (!resourceRef) return;
      const rules = rulesByType.get(decision.resourceType);
      if (!rules) throw new Error(`No plugin checks conditions on ${decision.resourceType} resources`);
      if (!(await rules.matches(resourceRef, decision.conditions))) throw refuse(principal, permission, resourceRef);
    },
    decide: (principal, permission) => decide(principal, permission),
    async filterAuthorized(principal, permission, resourceRefs) {
      const decision = await decide(principal, permission);
      if (decision === 'allow') return new Set(resourceRefs);
      if (decision === 'deny' || resourceRefs.length === 0) return new Set();
      const rules = rulesByType.get(decision.resourceType);
      if (!rules) throw new Error(`No plugin checks conditions on ${decision.resourceType} resources`);
      if (rules.filterMatching) return rules.filterMatching(resourceRefs, decision.conditions);
      const matching = await Promise.all(resourceRefs.map((ref) => rules.matches(ref, decision.conditions)));
      return new Set(resourceRefs.filter((_, i) => matching[i]));
    },
    addResourceRules(resourceType, rules) {
      if (rulesByType.has(resourceType)) throw new Error(`Conditions on ${resourceType} resources are already checked by another plugin`);
      rulesByType.set(resourceType, rules);
    },
  };
}
