import { parseEntityRef, type Entity } from '@greenroom/model';
import { Box, Button, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { EntityContentProps } from '../../app/extensions';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { InfoCard } from '../../components/InfoCard';
import { displayName, useEntitySummaries } from './api';
import { groupRelations, type RelationGroup } from './relations';

/** A long group shows this many targets until asked for the rest. */
const COLLAPSED_SIZE = 8;

/** Every relation of the entity, grouped by type ("Depends on", "Owned by", …), each target a link. */
export default function RelationsCard({ entity }: EntityContentProps) {
  const groups = useMemo(() => groupRelations(entity), [entity]);
  const refs = useMemo(() => [...new Set(groups.flatMap((g) => g.targetRefs))].sort(), [groups]);
  // Refs show at once; titles replace them when they arrive.
  const summaries = useEntitySummaries(refs);

  return (
    <InfoCard title="Relations">
      {groups.length === 0 ? (
        <EmptyState title="No relations">Nothing in the catalog refers to this entity, and it refers to nothing.</EmptyState>
      ) : (
        <Box component="dl" sx={{ m: 0 }}>
          {groups.map((group) => (
            <RelationGroupItem key={group.type} group={group} titles={summaries.data} />
          ))}
        </Box>
      )}
    </InfoCard>
  );
}

function RelationGroupItem({ group, titles }: { group: RelationGroup; titles?: Map<string, Entity | null> }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? group.targetRefs : group.targetRefs.slice(0, COLLAPSED_SIZE);
  const hidden = group.targetRefs.length - shown.length;
  return (
    <>
      <Typography component="dt" variant="subtitle2" sx={{ mt: 1.5, '&:first-of-type': { mt: 0 } }}>
        {group.title}
      </Typography>
      {shown.map((ref) => {
        const summary = titles?.get(ref);
        const kind = safeKind(ref);
        return (
          <Typography component="dd" key={ref} variant="body2" sx={{ m: 0, py: 0.25, overflowWrap: 'anywhere' }}>
            <EntityRefLink entityRef={ref} title={summary ? displayName(summary) : undefined} />
            {kind && (
              <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                {kind}
              </Typography>
            )}
            {summary === null && (
              <Typography component="span" variant="caption" color="warning.main" sx={{ ml: 1 }}>
                not in the catalog
              </Typography>
            )}
          </Typography>
        );
      })}
      {hidden > 0 && (
        <Typography component="dd" sx={{ m: 0 }}>
          <Button size="small" onClick={() => setExpanded(true)}>
            Show {hidden} more
          </Button>
        </Typography>
      )}
    </>
  );
}

function safeKind(ref: string): string | undefined {
  try {
    return parseEntityRef(ref).kind.toLowerCase();
  } catch {
    return undefined;
  }
}
