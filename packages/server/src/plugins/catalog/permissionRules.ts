import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import type { Principal } from '../../core/identity';
import type { Logger } from '../../core/logger';
import type { Criteria, Permissions, ResourceRules } from '../../core/permissions';
import { catalogPermissions } from './permissions';
import type { Condition, Leaf } from './query/conditions';
import type { EntityQueries } from './query/EntityQueries';

/** The resource type of the catalog's permissions; conditions on it are the rules below. */
export const CATALOG_ENTITY = 'catalog-entity';

/** Matches no entity (compiles to `1 = 0`). */
export const NO_ENTITY: Condition = { any: [] };

const lower = (s: string) => s.toLowerCase();

/** A rule's parameter, checked: the policy built it, so a wrong one is a bug rather than user input. */
function param<T>(rule: string, params: Record<string, unknown> | undefined, name: string, check: (v: unknown) => v is T): T {
  const value = params?.[name];
  if (!check(value)) throw new Error(`Catalog permission rule ${rule}: parameter ${name} is missing or malformed`);
  return value;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isOptionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

/** `key` present, equal to `value` when one is given: one lookup in the search index (keys and values lowercase). */
function present(key: string, value: string | undefined): Leaf {
  return value === undefined ? { key: lower(key) } : { key: lower(key), values: [lower(value)] };
}

/**
 * The catalog's permission rules (Backstage's names and parameters) as a filter over the search
 * index, so one condition serves a single entity, a page, its count and its facets alike.
 */
export function criteriaToCondition(criteria: Criteria): Condition {
  if ('allOf' in criteria) return { all: criteria.allOf.map(criteriaToCondition) };
  if ('anyOf' in criteria) return { any: criteria.anyOf.map(criteriaToCondition) };
  if ('not' in criteria) return { not: criteriaToCondition(criteria.not) };
  const { rule, params } = criteria;
  switch (rule) {
    case 'isEntityOwner':
      // Owners are targets of `ownedBy` relations (full refs), as Backstage's rule checks them.
      return { key: 'relations.ownedby', values: param(rule, params, 'claims', isStrings).map(lower) };
    case 'isEntityKind':
      return { key: 'kind', values: param(rule, params, 'kinds', isStrings).map(lower) };
    case 'hasAnnotation':
      return present(`metadata.annotations.${param(rule, params, 'annotation', isString)}`, param(rule, params, 'value', isOptionalString));
    case 'hasLabel':
      return present(`metadata.labels.${param(rule, params, 'label', isString)}`, param(rule, params, 'value', isOptionalString));
    case 'hasMetadata':
      return present(`metadata.${param(rule, params, 'key', isString)}`, param(rule, params, 'value', isOptionalString));
    case 'hasSpec':
      return present(`spec.${param(rule, params, 'key', isString)}`, param(rule, params, 'value', isOptionalString));
    default:
      throw new Error(
        `Unknown catalog permission rule "${rule}" (known: isEntityOwner, isEntityKind, hasAnnotation, hasLabel, hasMetadata, hasSpec)`,
      );
  }
}

/**
 * How the permissions seam checks conditions on entities: in the database, for one entity or, as a
 * SQL condition on a ref, inside another plugin's query (search).
 */
export function entityResourceRules(queries: EntityQueries, logger: Logger): ResourceRules {
  return {
    matches: async (resourceRef, conditions) => {
      const ref = canonicalRef(resourceRef);
      return (await queries.refsMatching([ref], criteriaToCondition(conditions))).has(ref);
    },
    refFilter: (conditions) => {
      let condition: Condition;
      try {
        condition = criteriaToCondition(conditions);
      } catch (error) {
        // A policy with a rule the catalog does not know: show nothing rather than fail every search.
        logger.warn({ err: error }, 'catalog permission conditions not understood: no entity passes');
        condition = NO_ENTITY;
      }
      return (ref) => queries.refMatching(ref, condition);
    },
  };
}

/** `Component:x` and `component:default/x` are one entity; a ref that does not parse matches nothing. */
function canonicalRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return '';
  }
}

/**
 * The entities the caller may read, as a filter every read query ANDs in: undefined when they may
 * read everything, NO_ENTITY when nothing (lists come back empty and single reads 404, as in
 * Backstage). Counts, cursors and facets then only ever see what the caller may see.
 */
export async function readableEntities(permissions: Permissions, principal: Principal): Promise<Condition | undefined> {
  const decision = await permissions.decide(principal, catalogPermissions.entityRead);
  if (decision === 'allow') return undefined;
  // Conditions about anything but entities cannot be checked here: fail closed.
  if (decision === 'deny' || decision.resourceType !== CATALOG_ENTITY) return NO_ENTITY;
  return criteriaToCondition(decision.conditions);
}

/** Both conditions; either may be absent (no restriction). */
export function both(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (!a) return b;
  if (!b) return a;
  return { all: [a, b] };
}
