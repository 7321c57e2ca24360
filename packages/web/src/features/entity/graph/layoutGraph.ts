import dagre from '@dagrejs/dagre';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 56;

export interface LayoutEdge {
  source: string;
  target: string;
  type: string;
}

/** Top-left corner of each node, keyed by node id. */
export type GraphLayout = Map<string, { x: number; y: number }>;

/**
 * Places nodes left to right along their edges (a dependsOn b puts a left of b), so the picture
 * reads like the relations do. Edges to unknown nodes are ignored; cycles are allowed.
 */
export function layoutGraph(nodeIds: string[], edges: LayoutEdge[]): GraphLayout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  // Wide rank gaps leave room for the relation label written on each edge.
  graph.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 120, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of nodeIds) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const known = new Set(nodeIds);
  for (const edge of edges) {
    if (known.has(edge.source) && known.has(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.type);
  }
  dagre.layout(graph);
  const layout: GraphLayout = new Map();
  for (const id of nodeIds) {
    const { x = 0, y = 0 } = graph.node(id);
    // dagre gives centres; xyflow places nodes by their top-left corner.
    layout.set(id, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 });
  }
  return layout;
}
