import { RELATION_API_CONSUMED_BY, RELATION_DEPENDENCY_OF, RELATION_PROVIDES_API } from '@greenroom/model';
import { useQuery } from '@tanstack/react-query';
import { getEntityGraph, type GraphNode } from '../../api/catalog';

/**
 * The relations along which a change spreads, walked outwards from the changed entity: whatever
 * it is a dependency of, the APIs it provides, and the consumers of those APIs. Walking
 * `dependsOn,consumesApi` inwards would find the same dependents, but cannot reach from a
 * component through the API it provides to that API's consumers, since the graph walks all
 * relations in one direction.
 */
export const BLAST_RELATIONS = [RELATION_DEPENDENCY_OF, RELATION_PROVIDES_API, RELATION_API_CONSUMED_BY];

export function useBlastRadius(root: string, depth: number) {
  return useQuery({
    queryKey: ['blast-radius', root, depth],
    queryFn: () => getEntityGraph({ root, relations: BLAST_RELATIONS, direction: 'out', depth }),
    // Keep the list while a new depth loads, but never show another entity's dependents.
    placeholderData: (previous) => (previous?.root === root ? previous : undefined),
  });
}

export interface DepthGroup {
  depth: number;
  nodes: GraphNode[];
}

/** The affected entities by how many hops away they are, nearest first, each group sorted by ref. */
export function groupByDepth(nodes: GraphNode[], root: string): DepthGroup[] {
  const groups = new Map<number, GraphNode[]>();
  for (const node of nodes) {
    if (node.entityRef === root) continue;
    groups.set(node.depth, [...(groups.get(node.depth) ?? []), node]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([depth, grouped]) => ({ depth, nodes: grouped.sort((a, b) => a.entityRef.localeCompare(b.entityRef)) }));
}
