import { stringifyEntityRef } from '@greenroom/model';
import {
  Alert,
  Box,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormLabel,
  LinearProgress,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { EntityContentProps } from '../../../app/extensions';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { InfoCard } from '../../../components/InfoCard';
import { Loading } from '../../../components/Loading';
import { useEntityGraph } from '../api';
import {
  DEPTH_CHOICES,
  DIRECTION_CHOICES,
  RELATION_CHOICES,
  defaultGraphSettings,
  type GraphDirection,
  type GraphSettings,
} from './graphSettings';
import { GraphView } from './GraphView';

/** The entity among its neighbours, with controls for how far and along which relations to look. */
export default function EntityGraphCard({ entity }: EntityContentProps) {
  const root = stringifyEntityRef(entity);
  // A new entity starts again from its own defaults.
  return <GraphCardContent key={root} root={root} initial={defaultGraphSettings(entity)} />;
}

function GraphCardContent({ root, initial }: { root: string; initial: GraphSettings }) {
  const [settings, setSettings] = useState(initial);
  return (
    <InfoCard title="Dependency graph">
      <GraphControls settings={settings} onChange={setSettings} />
      <GraphArea root={root} settings={settings} />
    </InfoCard>
  );
}

function GraphControls({ settings, onChange }: { settings: GraphSettings; onChange(settings: GraphSettings): void }) {
  const toggle = (type: string, on: boolean) =>
    onChange({
      ...settings,
      relations: on
        ? RELATION_CHOICES.map((c) => c.type).filter((t) => t === type || settings.relations.includes(t))
        : settings.relations.filter((t) => t !== type),
    });
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start', mb: 2 }}>
      <TextField
        select
        size="small"
        label="Depth"
        value={settings.depth}
        onChange={(e) => onChange({ ...settings, depth: Number(e.target.value) })}
        sx={{ width: 90 }}
      >
        {DEPTH_CHOICES.map((depth) => (
          <MenuItem key={depth} value={depth}>
            {depth}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Direction"
        value={settings.direction}
        onChange={(e) => onChange({ ...settings, direction: e.target.value as GraphDirection })}
        sx={{ width: 230 }}
      >
        {DIRECTION_CHOICES.map((choice) => (
          <MenuItem key={choice.value} value={choice.value}>
            {choice.label}
          </MenuItem>
        ))}
      </TextField>
      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0, flex: '1 1 420px' }}>
        <FormLabel component="legend" sx={{ fontSize: 12 }}>
          Relation types
        </FormLabel>
        <FormGroup row sx={{ columnGap: 1 }}>
          {RELATION_CHOICES.map((choice) => (
            <FormControlLabel
              key={choice.type}
              label={choice.label}
              slotProps={{ typography: { variant: 'body2' } }}
              control={
                <Checkbox
                  size="small"
                  checked={settings.relations.includes(choice.type)}
                  onChange={(e) => toggle(choice.type, e.target.checked)}
                />
              }
            />
          ))}
        </FormGroup>
      </Box>
    </Box>
  );
}

function GraphArea({ root, settings }: { root: string; settings: GraphSettings }) {
  const graph = useEntityGraph(root, settings);
  const { data } = graph;
  const drawable = settings.relations.length > 0 && !graph.error && data && data.nodes.length > 1;

  let content: ReactNode;
  if (settings.relations.length === 0) {
    content = <EmptyState title="Choose at least one relation type">The graph follows only the relation types ticked above.</EmptyState>;
  } else if (graph.error) {
    content = <ErrorPanel title="The graph could not be loaded" error={graph.error} />;
  } else if (!data) {
    content = <Loading label="Loading the graph" />;
  } else if (data.nodes.length <= 1) {
    content = (
      <EmptyState title="Only this entity">
        It has no relations of the chosen types. Try other relation types or the other direction.
      </EmptyState>
    );
  } else {
    content = (
      <>
        {graph.isPlaceholderData && (
          <LinearProgress aria-label="Updating the graph" sx={{ position: 'absolute', inset: '0 0 auto 0', zIndex: 10 }} />
        )}
        <GraphView key={graph.dataUpdatedAt} graph={data} />
      </>
    );
  }

  // One container throughout, so the graph's place on the page (and its test id) never changes.
  return (
    <>
      {drawable && data.truncated && (
        <Alert severity="info" sx={{ mb: 1 }}>
          The graph was cut short: there were more related entities than can be shown. Lower the depth or choose fewer relation types.
        </Alert>
      )}
      <Box
        data-testid="entity-graph"
        sx={{
          position: 'relative',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          overflow: 'hidden',
        }}
      >
        {content}
      </Box>
      {drawable && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
          {data.nodes.length} entities, {data.edges.length} relations. Select an entity to open its page.
        </Typography>
      )}
    </>
  );
}
