import type { Entity } from './entity';
import { parseEntityRef, stringifyEntityRef } from './entityRefs';

// Which spec fields hold references, the kind Backstage assumes when a
// reference leaves it out, and the relation the field produces on the
// referring entity. This mirrors Backstage's BuiltinKindsEntityProcessor.

export interface EntityReference {
  field: string;
  /** Canonical target, e.g. `group:default/team-a`. */
  targetRef: string;
  /** Relation type on the referring entity, e.g. `ownedBy`. */
  relation: string;
}

interface FieldRule {
  field: string;
  defaultKind: string;
  relation: string;
}

const FIELD_RULES: Record<Entity['kind'], FieldRule[]> = {
  Domain: [{ field: 'owner', defaultKind: 'Group', relation: 'ownedBy' }],
  System: [
    { field: 'owner', defaultKind: 'Group', relation: 'ownedBy' },
    { field: 'domain', defaultKind: 'Domain', relation: 'partOf' },
  ],
  Group: [
    { field: 'parent', defaultKind: 'Group', relation: 'childOf' },
    { field: 'children', defaultKind: 'Group', relation: 'parentOf' },
    { field: 'members', defaultKind: 'User', relation: 'hasMember' },
  ],
  User: [{ field: 'memberOf', defaultKind: 'Group', relation: 'memberOf' }],
  Component: [
    { field: 'owner', defaultKind: 'Group', relation: 'ownedBy' },
    { field: 'system', defaultKind: 'System', relation: 'partOf' },
    // dependsOn has no default kind in Backstage: the generator always spells it out.
    { field: 'dependsOn', defaultKind: '', relation: 'dependsOn' },
    { field: 'providesApis', defaultKind: 'API', relation: 'providesApi' },
    { field: 'consumesApis', defaultKind: 'API', relation: 'consumesApi' },
  ],
  API: [
    { field: 'owner', defaultKind: 'Group', relation: 'ownedBy' },
    { field: 'system', defaultKind: 'System', relation: 'partOf' },
  ],
  Resource: [
    { field: 'owner', defaultKind: 'Group', relation: 'ownedBy' },
    { field: 'system', defaultKind: 'System', relation: 'partOf' },
    { field: 'dependsOn', defaultKind: '', relation: 'dependsOn' },
  ],
};

/** Every outgoing reference of an entity, in canonical form. */
export function referencesOf(entity: Entity): EntityReference[] {
  const out: EntityReference[] = [];
  for (const rule of FIELD_RULES[entity.kind]) {
    const value = entity.spec[rule.field];
    if (value === undefined) continue;
    const refs = Array.isArray(value) ? value : [value];
    for (const ref of refs) {
      if (typeof ref !== 'string') throw new Error(`${entity.metadata.name}: spec.${rule.field} holds a non-string`);
      out.push({
        field: rule.field,
        targetRef: stringifyEntityRef(parseEntityRef(ref, rule.defaultKind)),
        relation: rule.relation,
      });
    }
  }
  return out;
}
