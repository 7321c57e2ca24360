import { Box, useTheme } from '@mui/material';
import { Controls, MarkerType, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { EntityGraph } from '../../../api/catalog';
import { EntityNode, type EntityFlowNode } from './EntityNode';
import { RelationEdge, type RelationFlowEdge } from './RelationEdge';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';

const nodeTypes = { entity: EntityNode };
const edgeTypes = { relation: RelationEdge };

/** Tall enough to read a small graph at full size, never so tall that it swallows the page. */
const MIN_HEIGHT = 280;
const MAX_HEIGHT = 640;

/**
 * One edge per connected pair (parallel relations share it, their types listed together). Its label
 * goes next to whichever end has fewer edges on that side, where it has room of its own.
 */
function relationEdges(graph: EntityGraph): RelationFlowEdge[] {
  const byPair = new Map<string, { source: string; target: string; types: string[] }>();
  for (const edge of graph.edges) {
    const key = `${edge.source}\u0000${edge.target}`;
    const pair = byPair.get(key) ?? { source: edge.source, target: edge.target, types: [] };
    pair.types.push(edge.type);
    byPair.set(key, pair);
  }
  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  for (const { source, target } of byPair.values()) {
    outgoing.set(source, (outgoing.get(source) ?? 0) + 1);
    incoming.set(target, (incoming.get(target) ?? 0) + 1);
  }
  return [...byPair.values()].map(({ source, target, types }) => ({
    id: `${source}|${target}`,
    type: 'relation',
    source,
    target,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    data: { relation: types.join(', '), labelAt: incoming.get(target)! > outgoing.get(source)! ? 'source' : 'target' },
  }));
}

function toFlow(graph: EntityGraph): { nodes: EntityFlowNode[]; edges: RelationFlowEdge[]; height: number } {
  const layout = layoutGraph(
    graph.nodes.map((n) => n.entityRef),
    graph.edges,
  );
  const nodes: EntityFlowNode[] = graph.nodes.map((node) => ({
    id: node.entityRef,
    type: 'entity',
    position: layout.get(node.entityRef)!,
    // Known sizes let xyflow show and fit the nodes before it has measured them.
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    data: { node, isRoot: node.entityRef === graph.root },
  }));
  const edges = relationEdges(graph);
  const bottom = Math.max(...nodes.map((n) => n.position.y + NODE_HEIGHT));
  return { nodes, edges, height: Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, bottom + 48)) };
}

/** The graph itself: laid out once per answer, read-only, zoomable with the controls or a pinch. */
export function GraphView({ graph }: { graph: EntityGraph }) {
  const theme = useTheme();
  const { nodes, edges, height } = useMemo(() => toFlow(graph), [graph]);
  return (
    <Box sx={{ height }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme.palette.mode}
        fitView
        // Room on the left for the zoom controls, so they never cover a node.
        fitViewOptions={{ padding: { left: '56px', right: '24px', y: '24px' }, maxZoom: 1 }}
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // The page keeps scrolling over the graph; zoom is on the controls, a pinch or a double click.
        zoomOnScroll={false}
        preventScrolling={false}
        aria-label="Entity relationship graph"
      >
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
