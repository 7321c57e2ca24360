import { Box } from '@mui/material';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';

export type RelationFlowEdge = Edge<{ relation: string; labelAt: 'source' | 'target' }, 'relation'>;

/** How far from the node the label sits: clear of the arrowhead, inside the gap between ranks. */
const LABEL_OFFSET = 48;

/**
 * An edge labelled with its relation type. The label sits next to one end rather than halfway, so
 * the labels of an entity's many edges spread out along its neighbours instead of piling up.
 */
export function RelationEdge(props: EdgeProps<RelationFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const nearTarget = data?.labelAt !== 'source';
  const x = nearTarget ? targetX - LABEL_OFFSET : sourceX + LABEL_OFFSET;
  const y = nearTarget ? targetY : sourceY;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      <EdgeLabelRenderer>
        <Box
          sx={{
            position: 'absolute',
            transform: `translate(-50%, -50%) translate(${x}px, ${y}px)`,
            fontSize: 11,
            lineHeight: 1.4,
            px: 0.5,
            borderRadius: 0.5,
            bgcolor: 'background.paper',
            color: 'text.secondary',
            whiteSpace: 'nowrap',
            pointerEvents: 'none',
          }}
        >
          {data?.relation}
        </Box>
      </EdgeLabelRenderer>
    </>
  );
}
