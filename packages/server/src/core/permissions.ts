import { sql, type Expression, type SqlBool } from 'kysely';
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

/**
 * A SQL condition on an expression holding a resource ref (canonical, lowercase), true where the
 * caller may act on that resource. It may read the owning plugin's tables: every plugin shares one database.
 */
export type RefFilter = (ref: Expression<string>) => Expression<SqlBool>;

/** A deny, or conditions nobody can turn into SQL: no resource passes (fail closed). */
const NO_RESOURCE: RefFilter = () => sql<SqlBool>`1 = 0`;

/** How the plugin that owns a resource type checks conditions on one of its resources. */
export interface ResourceRules {
  /** Whether the resource matches; false when it does not exist. */
  matches(resourceRef: string, conditions: Criteria): Promise<boolean>;
  /** The same check inside another plugin's query (see Permissions.refFilter); absent resources never match. */
  refFilter?(conditions: Criteria): RefFilter;
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
   * For a plugin that lists rows naming resources of another plugin (search documents about
   * entities): undefined when `principal` may do `permission` on every resource, so the query stays
   * as it is; otherwise a condition on the rows' ref that the query ANDs in, so that its pages, counts
   * and facets only see what the caller may see. A deny, conditions on another resource type, or a
   * resource type whose plugin cannot compile them to SQL let no resource through.
   */
  refFilter(principal: Principal, permission: Permission): Promise<RefFilter | undefined>;
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
    async refFilter(principal, permission) {
      const decision = await decide(principal, permission);
      if (decision === 'allow') return undefined;
      if (decision === 'deny' || decision.resourceType !== permission.resourceType) return NO_RESOURCE;
      return rulesByType.get(decision.resourceType)?.refFilter?.(decision.conditions) ?? NO_RESOURCE;
    },
    addResourceRules(resourceType, rules) {
      if (rulesByType.has(resourceType)) throw new Error(`Conditions on ${resourceType} resources are already checked by another plugin`);
      rulesByType.set(resourceType, rules);
    },
  };
}
