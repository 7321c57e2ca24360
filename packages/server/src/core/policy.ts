import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import { ConfigError, type PermissionConfig, type PolicyConditionConfig } from './config';
import type { Principal } from './identity';
import type { Criteria, Permission, PermissionPolicy, PolicyDecision } from './permissions';

/** The resource type every `if:` condition is about: the conditions are the catalog's rules. */
export const CATALOG_ENTITY = 'catalog-entity';

/** Checked with a catalog entity (the template) as resource, though declared without a resourceType. */
const ENTITY_PERMISSIONS = new Set(['scaffolder.task.create', 'scaffolder.template.parameter.read']);

/** Who a role names: anyone signed in (`*`), a service token by name, or a user or group (and its members). */
type Member = { anyone: true } | { service: string } | { ref: string };

interface CompiledRule {
  permissions: RegExp[];
  roles?: string[];
  condition?: PolicyConditionConfig;
  allow: boolean;
}

/** `true` / `false` while the decision is still constant, conditions once a rule with `if` took part. */
type Outcome = boolean | Criteria;

/**
 * The policy of the config's `permission` section. Rules are tried in order and the first one that
 * applies decides; a rule with `if` decides only for the entities matching its condition, so the
 * answer is a condition tree built from every applicable rule down to the first unconditional one.
 */
export function createConfigPolicy(config: PermissionConfig): PermissionPolicy {
  const roles = compileRoles(config.roles);
  const rules = config.rules.map((rule, i): CompiledRule => {
    for (const role of rule.roles ?? []) {
      if (!roles.has(role)) {
        const defined = [...roles.keys()];
        throw new ConfigError(
          `permission.rules[${i}].roles: the role "${role}" is not defined in permission.roles` +
            (defined.length ? ` (defined: ${defined.join(', ')})` : ' (no roles are defined)'),
        );
      }
    }
    return {
      permissions: rule.permissions.map(permissionPattern),
      roles: rule.roles,
      condition: rule.if,
      allow: rule.decision === 'allow',
    };
  });
  const fallback = config.default === 'allow';

  return {
    decide(principal: Principal, permission: Permission, resourceRef?: string): PolicyDecision {
      if (principal.type === 'anonymous') return 'deny';
      const held = rolesHeldBy(principal, roles);
      // Why conditional rules are skipped for the other permissions: a condition is about an entity,
      // and a permission such as `catalog.location.create` is checked once per request with no entity
      // to test it on. Answering with conditions would let it through (core/permissions.ts passes a
      // conditional decision checked without a resource), so `allow if …` would grant it to everyone
      // the rule names. Skipped, such a rule grants nothing, and `deny if …` does not deny what is not
      // an entity; the unconditional rules and the default decide.
      const concernsEntity = resourceRef !== undefined || isEntityPermission(permission);
      const applicable = rules.filter(
        (rule) =>
          rule.permissions.some((pattern) => pattern.test(permission.name)) &&
          (!rule.roles || rule.roles.some((role) => held.has(role))) &&
          (!rule.condition || concernsEntity),
      );
      // Folded from the last rule back to the first, so an earlier rule takes precedence over later ones.
      let outcome: Outcome = fallback;
      for (const rule of applicable.reverse()) {
        if (!rule.condition) outcome = rule.allow;
        else {
          const condition = conditionCriteria(rule.condition, principal);
          outcome = rule.allow ? anyOf(condition, outcome) : allOf({ not: condition }, outcome);
        }
      }
      if (outcome === true) return 'allow';
      if (outcome === false) return 'deny';
      return { resourceType: CATALOG_ENTITY, conditions: outcome };
    },
  };
}

function isEntityPermission(permission: Permission): boolean {
  return (
    permission.resourceType === CATALOG_ENTITY || permission.name.startsWith('catalog.entity.') || ENTITY_PERMISSIONS.has(permission.name)
  );
}

/** `catalog.entity.read`, `catalog.*`, `*`: a `*` stands for any characters, dots included. */
function permissionPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function compileRoles(config: PermissionConfig['roles']): Map<string, Member[]> {
  return new Map(
    Object.entries(config).map(([role, members]) => [
      role,
      members.map((member, j): Member => {
        if (member === '*') return { anyone: true };
        if (member.toLowerCase().startsWith('service:')) return { service: member.slice('service:'.length).toLowerCase() };
        try {
          // `group:team-a` means `group:default/team-a`; a kind is required, since users and groups share names.
          return { ref: stringifyEntityRef(parseEntityRef(member)) };
        } catch (error) {
          throw new ConfigError(`permission.roles.${role}[${j}]: ${(error as Error).message}; or use service:<name> or *`);
        }
      }),
    ]),
  );
}

function canonicalRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return ref.toLowerCase();
  }
}

function rolesHeldBy(principal: Principal, roles: Map<string, Member[]>): Set<string> {
  // ownershipEntityRefs already holds the user and every group above them (the auth plugin computes it).
  const refs = new Set(
    [principal.userEntityRef, ...principal.ownershipEntityRefs].filter((r): r is string => Boolean(r)).map(canonicalRef),
  );
  const service = principal.type === 'service' ? principal.subject?.toLowerCase() : undefined;
  const held = new Set<string>();
  for (const [role, members] of roles) {
    const holds = members.some((m) => ('anyone' in m ? true : 'service' in m ? m.service === service : refs.has(m.ref)));
    if (holds) held.add(role);
  }
  return held;
}

/** A YAML condition as the catalog's permission rules (Backstage's names and parameters). */
export function conditionCriteria(condition: PolicyConditionConfig, principal: Principal): Criteria {
  if ('allOf' in condition) return { allOf: condition.allOf.map((c) => conditionCriteria(c, principal)) };
  if ('anyOf' in condition) return { anyOf: condition.anyOf.map((c) => conditionCriteria(c, principal)) };
  if ('not' in condition) return { not: conditionCriteria(condition.not, principal) };
  if ('isEntityOwner' in condition) return { rule: 'isEntityOwner', params: { claims: principal.ownershipEntityRefs } };
  if ('isEntityKind' in condition) return { rule: 'isEntityKind', params: { kinds: condition.isEntityKind } };
  if ('hasAnnotation' in condition) {
    const { key, value } = keyValue(condition.hasAnnotation);
    return { rule: 'hasAnnotation', params: { annotation: key, ...withValue(value) } };
  }
  if ('hasLabel' in condition) {
    const { key, value } = keyValue(condition.hasLabel);
    return { rule: 'hasLabel', params: { label: key, ...withValue(value) } };
  }
  if ('hasMetadata' in condition) return { rule: 'hasMetadata', params: withKey(condition.hasMetadata) };
  return { rule: 'hasSpec', params: withKey(condition.hasSpec) };
}

const keyValue = (c: string | { key: string; value?: string }) => (typeof c === 'string' ? { key: c, value: undefined } : c);
const withValue = (value: string | undefined) => (value === undefined ? {} : { value });
const withKey = (c: string | { key: string; value?: string }) => {
  const { key, value } = keyValue(c);
  return { key, ...withValue(value) };
};

/** `condition OR rest`, constants folded away and nested `anyOf`s kept flat. */
function anyOf(condition: Criteria, rest: Outcome): Outcome {
  if (rest === true) return true;
  if (rest === false) return condition;
  return { anyOf: [condition, ...('anyOf' in rest ? rest.anyOf : [rest])] };
}

/** `condition AND rest`, constants folded away and nested `allOf`s kept flat. */
function allOf(condition: Criteria, rest: Outcome): Outcome {
  if (rest === false) return false;
  if (rest === true) return condition;
  return { allOf: [condition, ...('allOf' in rest ? rest.allOf : [rest])] };
}
