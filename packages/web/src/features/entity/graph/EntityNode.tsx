import { Box, Typography } from '@mui/material';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Link as RouterLink } from 'react-router';
import type { GraphNode } from '../../../api/catalog';
import { entityPath } from '../../../components/entityRoutes';
import { NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';

export type EntityFlowNode = Node<{ node: GraphNode; isRoot: boolean }, 'entity'>;

// Edges need handles to attach to; nobody draws new edges here, so they stay invisible.
const hiddenHandle = { opacity: 0, pointerEvents: 'none' as const, border: 0, minWidth: 0, minHeight: 0, width: 1, height: 1 };

const box = {
  boxSizing: 'border-box',
  width: NODE_WIDTH,
  height: NODE_HEIGHT,
  px: 1.5,
  py: 1,
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'center',
  borderRadius: 1,
  borderStyle: 'solid',
  textDecoration: 'none',
  color: 'text.primary',
  // The node wrapper takes no pointer events (nothing is draggable or selectable): the link does.
  pointerEvents: 'auto',
} as const;

/**
 * An entity in the graph: a real link, so it is focusable and Enter, click and middle-click all
 * work as people expect. An entity the catalog does not serve is greyed and not a link.
 */
export function EntityNode({ data: { node, isRoot } }: NodeProps<EntityFlowNode>) {
  const label = node.title ?? node.name;
  const kindLine = node.missing ? `${node.kind} · not in the catalog` : node.type ? `${node.kind} · ${node.type}` : node.kind;
  const text = (
    <>
      <Typography variant="caption" noWrap sx={{ color: 'text.secondary', lineHeight: 1.3 }}>
        {kindLine}
      </Typography>
      <Typography variant="body2" noWrap sx={{ fontWeight: isRoot ? 700 : 500 }}>
        {label}
      </Typography>
    </>
  );
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      {node.missing ? (
        <Box
          data-entity-ref={node.entityRef}
          aria-disabled="true"
          title={`${node.entityRef} is not in the catalog`}
          sx={{ ...box, borderWidth: 1, borderStyle: 'dashed', borderColor: 'divider', bgcolor: 'action.disabledBackground', opacity: 0.7 }}
        >
          {text}
        </Box>
      ) : (
        <Box
          component={RouterLink}
          to={entityPath(node.entityRef)}
          // A press on a node is a click on a link, not the start of panning the view.
          className="nopan"
          data-entity-ref={node.entityRef}
          aria-current={isRoot ? 'page' : undefined}
          title={node.entityRef}
          sx={{
            ...box,
            borderWidth: isRoot ? 2 : 1,
            borderColor: isRoot ? 'primary.main' : 'divider',
            bgcolor: isRoot ? 'action.selected' : 'background.paper',
            '&:hover': { borderColor: 'primary.main' },
            '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2 },
          }}
        >
          {text}
        </Box>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </>
  );
}
