import type { Entity } from './entity';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from './refs';

export const RELATION_OWNED_BY = 'ownedBy';
export const RELATION_OWNER_OF = 'ownerOf';
export const RELATION_PART_OF = 'partOf';
export const RELATION_HAS_PART = 'hasPart';
export const RELATION_DEPENDS_ON = 'dependsOn';
export const RELATION_DEPENDENCY_OF = 'dependencyOf';
export const RELATION_PROVIDES_API = 'providesApi';
export const RELATION_API_PROVIDED_BY = 'apiProvidedBy';
export const RELATION_CONSUMES_API = 'consumesApi';
export const RELATION_API_CONSUMED_BY = 'apiConsumedBy';
export const RELATION_MEMBER_OF = 'memberOf';
export const RELATION_HAS_MEMBER = 'hasMember';
export const RELATION_CHILD_OF = 'childOf';
export const RELATION_PARENT_OF = 'parentOf';

/** Every relation is stored on both ends: `[type, type seen from the target]`. */
export const RELATION_PAIRS: ReadonlyArray<readonly [string, string]> = [
  [RELATION_OWNED_BY, RELATION_OWNER_OF],
  [RELATION_PART_OF, RELATION_HAS_PART],
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
  [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
  [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  [RELATION_MEMBER_OF, RELATION_HAS_MEMBER],
  [RELATION_CHILD_OF, RELATION_PARENT_OF],
];

const REVERSE = new Map<string, string>(
  RELATION_PAIRS.flatMap(([a, b]) => [
    [a, b],
    [b, a],
  ]),
);

export function reverseRelationType(type: string): string | undefined {
  return REVERSE.get(type);
}

/** A spec field holding entity refs, and the relation it produces. */
export interface SpecRelationField {
  field: string;
  relation: string;
  /** Kind assumed when the ref names none; without one, the ref must carry a kind. */
  defaultKind?: string;
}

const owner: SpecRelationField = { field: 'owner', relation: RELATION_OWNED_BY, defaultKind: 'Group' };
const system: SpecRelationField = { field: 'system', relation: RELATION_PART_OF, defaultKind: 'System' };
const dependsOn: SpecRelationField = { field: 'dependsOn', relation: RELATION_DEPENDS_ON };
const dependencyOf: SpecRelationField = { field: 'dependencyOf', relation: RELATION_DEPENDENCY_OF };

/**
 * The spec fields Backstage's built-in processing turns into relations, per
 * kind (kind names are case-sensitive, as in Backstage). A field holds one ref
 * or a list of refs; refs default to the entity's own namespace.
 */
export const SPEC_RELATION_FIELDS: Readonly<Record<string, readonly SpecRelationField[]>> = {
  Component: [
    owner,
    { field: 'subcomponentOf', relation: RELATION_PART_OF, defaultKind: 'Component' },
    { field: 'providesApis', relation: RELATION_PROVIDES_API, defaultKind: 'API' },
    { field: 'consumesApis', relation: RELATION_CONSUMES_API, defaultKind: 'API' },
    dependsOn,
    dependencyOf,
    system,
  ],
  API: [owner, system],
  Resource: [owner, dependsOn, dependencyOf, system],
  System: [owner, { field: 'domain', relation: RELATION_PART_OF, defaultKind: 'Domain' }],
  Domain: [owner, { field: 'subdomainOf', relation: RELATION_PART_OF, defaultKind: 'Domain' }],
  Group: [
    { field: 'parent', relation: RELATION_CHILD_OF, defaultKind: 'Group' },
    { field: 'children', relation: RELATION_PARENT_OF, defaultKind: 'Group' },
    { field: 'members', relation: RELATION_HAS_MEMBER, defaultKind: 'User' },
  ],
  User: [{ field: 'memberOf', relation: RELATION_MEMBER_OF, defaultKind: 'Group' }],
  Template: [owner],
};

/** A relation with canonical lowercase refs at both ends. */
export interface EmittedRelation {
  source: string;
  type: string;
  target: string;
}

/** The refs written in one spec field: a single string or a list of strings. */
export function refsInField(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The relations an entity's spec implies, in both directions, in field order.
 * Refs that cannot be read (e.g. a `dependsOn` entry without a kind) are left
 * out here: validateEntity reports them, so a valid entity never has any.
 */
export function deriveRelations(entity: Entity): EmittedRelation[] {
  const fields = SPEC_RELATION_FIELDS[entity.kind];
  const spec = entity.spec;
  if (!fields || !spec || typeof spec !== 'object') return [];

  const self = stringifyEntityRef(entity);
  const defaultNamespace = entity.metadata.namespace || DEFAULT_NAMESPACE;
  const out: EmittedRelation[] = [];
  const seen = new Set<string>();
  const push = (relation: EmittedRelation) => {
    const key = `${relation.source} ${relation.type} ${relation.target}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(relation);
    }
  };

  for (const { field, relation, defaultKind } of fields) {
    for (const ref of refsInField(spec[field])) {
      let target: string;
      try {
        target = stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace }));
      } catch {
        continue;
      }
      push({ source: self, type: relation, target });
      push({ source: target, type: REVERSE.get(relation)!, target: self });
    }
  }
  return out;
}
