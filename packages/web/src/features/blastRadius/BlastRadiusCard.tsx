import { stringifyEntityRef } from '@greenroom/model';
import { Alert, Box, FormControlLabel, LinearProgress, List, ListItem, MenuItem, Switch, TextField, Typography } from '@mui/material';
import { lazy, Suspense, useId, useState } from 'react';
import type { EntityContentProps } from '../../app/extensions';
import type { EntityGraph } from '../../api/catalog';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { InfoCard } from '../../components/InfoCard';
import { Loading } from '../../components/Loading';
import { groupByDepth, useBlastRadius } from './api';

// The graph (xyflow, dagre) is a chunk of its own, loaded only when someone asks for the picture.
const GraphView = lazy(() => import('../entity/graph/GraphView').then((module) => ({ default: module.GraphView })));

const DEPTHS = [1, 2, 3, 4, 5];
const DEFAULT_DEPTH = 2;

const depthLabel = (depth: number) => (depth === 1 ? 'Direct' : `${depth} hops`);

/** Everything that could break if this entity changed: its dependents, its APIs' consumers, and theirs in turn. */
export default function BlastRadiusCard({ entity }: EntityContentProps) {
  const root = stringifyEntityRef(entity);
  // Another entity starts again at the default depth with the list showing.
  return <BlastRadiusContent key={root} root={root} />;
}

function BlastRadiusContent({ root }: { root: string }) {
  const [depth, setDepth] = useState(DEFAULT_DEPTH);
  const [onGraph, setOnGraph] = useState(false);
  const blast = useBlastRadius(root, depth);
  const count = blast.data ? blast.data.nodes.filter((node) => node.entityRef !== root).length : undefined;

  return (
    <InfoCard
      title="Blast radius"
      subheader={
        count === undefined
          ? 'What could break if this entity changed'
          : `${count} ${count === 1 ? 'entity' : 'entities'} could be affected by a change`
      }
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center', mb: 2 }}>
        <TextField select size="small" label="Hops" value={depth} onChange={(e) => setDepth(Number(e.target.value))} sx={{ width: 100 }}>
          {DEPTHS.map((choice) => (
            <MenuItem key={choice} value={choice}>
              {choice === 1 ? '1 (direct)' : choice}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel control={<Switch checked={onGraph} onChange={(e) => setOnGraph(e.target.checked)} />} label="Show on graph" />
      </Box>
      {blast.error ? (
        <ErrorPanel title="The blast radius could not be loaded" error={blast.error} />
      ) : !blast.data ? (
        <Loading label="Loading the blast radius" />
      ) : count === 0 ? (
        <EmptyState title="Nothing depends on this entity">
          No entity in the catalog depends on it or consumes an API it provides.
        </EmptyState>
      ) : (
        <>
          {blast.isPlaceholderData && <LinearProgress aria-label="Updating the blast radius" />}
          {blast.data.truncated && (
            <Alert severity="info" sx={{ mb: 1 }}>
              The list was cut short: more entities are affected than can be shown. Lower the depth to see the nearest ones.
            </Alert>
          )}
          {onGraph ? <BlastGraph graph={blast.data} /> : <DependentsList graph={blast.data} />}
        </>
      )}
    </InfoCard>
  );
}

function DependentsList({ graph }: { graph: EntityGraph }) {
  const headingPrefix = useId();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(auto-fill, minmax(240px, 1fr))' }, gap: 2 }}>
      {groupByDepth(graph.nodes, graph.root).map((group) => (
        <Box component="section" key={group.depth} aria-labelledby={`${headingPrefix}-${group.depth}`}>
          <Typography id={`${headingPrefix}-${group.depth}`} variant="subtitle2" component="h3">
            {depthLabel(group.depth)} ({group.nodes.length})
          </Typography>
          <List dense disablePadding>
            {group.nodes.map((node) => (
              <ListItem key={node.entityRef} disableGutters sx={{ gap: 1 }}>
                <EntityRefLink entityRef={node.entityRef} title={node.title} />
                <Typography variant="caption" color="text.secondary">
                  {node.missing ? `${node.kind} · not in the catalog` : [node.kind, node.type].filter(Boolean).join(' · ')}
                </Typography>
              </ListItem>
            ))}
          </List>
        </Box>
      ))}
    </Box>
  );
}

function BlastGraph({ graph }: { graph: EntityGraph }) {
  return (
    <Box data-testid="blast-radius-graph" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
      <Suspense fallback={<Loading label="Loading the graph" />}>
        <GraphView graph={graph} />
      </Suspense>
    </Box>
  );
}
