import {
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  type Entity,
} from '@greenroom/model';

export type GraphDirection = 'out' | 'in' | 'both';

export interface GraphSettings {
  depth: number;
  direction: GraphDirection;
  /** The first type of each followed relation pair; the direction decides which way it is walked. */
  relations: string[];
}

/**
 * One checkbox per relation pair. Only the pair's first type is sent: the server walks it outwards
 * (this entity dependsOn X), inwards (Y dependsOn this entity) or both, so the direction stays meaningful.
 */
export const RELATION_CHOICES: ReadonlyArray<{ type: string; label: string }> = [
  { type: RELATION_DEPENDS_ON, label: 'Depends on / dependency of' },
  { type: RELATION_PROVIDES_API, label: 'Provides API / provided by' },
  { type: RELATION_CONSUMES_API, label: 'Consumes API / consumed by' },
  { type: RELATION_PART_OF, label: 'Part of / has part' },
  { type: RELATION_OWNED_BY, label: 'Owned by / owner of' },
  { type: RELATION_CHILD_OF, label: 'Child of / parent of' },
  { type: RELATION_MEMBER_OF, label: 'Member of / has member' },
];

export const DIRECTION_CHOICES: ReadonlyArray<{ value: GraphDirection; label: string }> = [
  { value: 'both', label: 'Both ways' },
  { value: 'out', label: 'Outgoing (this → others)' },
  { value: 'in', label: 'Incoming (others → this)' },
];

export const DEPTH_CHOICES = [1, 2, 3, 4];

/** What is worth seeing first: for software, how it connects without the ownership fan-out; for people, the organisation. */
export function defaultGraphSettings(entity: Entity): GraphSettings {
  const kind = entity.kind.toLowerCase();
  if (kind === 'group') return { depth: 1, direction: 'both', relations: [RELATION_CHILD_OF, RELATION_MEMBER_OF, RELATION_OWNED_BY] };
  if (kind === 'user') return { depth: 1, direction: 'both', relations: [RELATION_MEMBER_OF, RELATION_OWNED_BY] };
  return {
    depth: 1,
    direction: 'both',
    relations: RELATION_CHOICES.map((c) => c.type).filter((type) => type !== RELATION_OWNED_BY),
  };
}
