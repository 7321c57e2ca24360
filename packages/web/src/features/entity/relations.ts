import type { Entity } from '@greenroom/model';

/** Target refs of an entity's relations of one type, in the catalog's (lower-case) form. */
export function relatedRefs(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef);
}
