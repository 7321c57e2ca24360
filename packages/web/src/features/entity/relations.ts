import type { Entity } from '@greenroom/model';

/** Target refs of an entity's relations of one type, in the catalog's (lower-case) form. */
export function relatedRefs(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef);
}

/** How each built-in relation reads from the entity's side, in the order the relations card lists them. */
const RELATION_TITLES: ReadonlyArray<readonly [type: string, title: string]> = [
  ['ownedBy', 'Owned by'],
  ['partOf', 'Part of'],
  ['hasPart', 'Has parts'],
  ['providesApi', 'Provides APIs'],
  ['consumesApi', 'Consumes APIs'],
  ['apiProvidedBy', 'Provided by'],
  ['apiConsumedBy', 'Consumed by'],
  ['dependsOn', 'Depends on'],
  ['dependencyOf', 'Dependency of'],
  ['childOf', 'Child of'],
  ['parentOf', 'Parent of'],
  ['memberOf', 'Member of'],
  ['hasMember', 'Has members'],
  ['ownerOf', 'Owner of'],
];

const TITLE_BY_TYPE = new Map(RELATION_TITLES);
const ORDER_BY_TYPE = new Map(RELATION_TITLES.map(([type], index) => [type, index]));

export function relationTitle(type: string): string {
  return TITLE_BY_TYPE.get(type) ?? type;
}

export interface RelationGroup {
  type: string;
  title: string;
  targetRefs: string[];
}

/** The entity's relations grouped by type: known types in reading order, then custom types by name. */
export function groupRelations(entity: Entity): RelationGroup[] {
  const byType = new Map<string, Set<string>>();
  for (const { type, targetRef } of entity.relations ?? []) {
    if (!byType.has(type)) byType.set(type, new Set());
    byType.get(type)!.add(targetRef);
  }
  const rank = (type: string) => ORDER_BY_TYPE.get(type) ?? Number.MAX_SAFE_INTEGER;
  return [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, refs]) => ({ type, title: relationTitle(type), targetRefs: [...refs].sort() }));
}
