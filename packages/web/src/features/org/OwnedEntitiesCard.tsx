import { stringifyEntityRef } from '@greenroom/model';
import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { EntityContentProps } from '../../app/extensions';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { InfoCard } from '../../components/InfoCard';
import { Loading } from '../../components/Loading';
import { relationTargets, useOwnedEntities, useTeamAndSubTeams } from './api';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * What a team or person owns, counted per kind (each count narrows the list). A team with child
 * teams can include everything its sub-teams own, however deep the organisation goes.
 */
export default function OwnedEntitiesCard({ entity }: EntityContentProps) {
  const ref = stringifyEntityRef(entity);
  const hasSubTeams = relationTargets(entity, 'parentOf').length > 0;
  const [includeSubTeams, setIncludeSubTeams] = useState(false);
  const [kinds, setKinds] = useState<string[]>([]);
  const teams = useTeamAndSubTeams(ref, includeSubTeams);
  const owners = includeSubTeams ? teams.data?.refs : [ref];
  const { kindCounts, entities } = useOwnedEntities(owners, kinds);
  const toggleKind = (kind: string) =>
    setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));

  const rows = entities.data?.pages.flatMap((page) => page.items) ?? [];
  const total = entities.data?.pages[0]?.totalItems ?? 0;
  const error = teams.error ?? kindCounts.error ?? entities.error;

  let content;
  if (error) content = <ErrorPanel title="The owned entities could not be loaded" error={error} />;
  else if (!entities.data) content = <Loading label="Loading the owned entities" />;
  else if (total === 0) {
    content = (
      <EmptyState title={kinds.length ? 'Nothing of these kinds' : 'Owns nothing yet'}>
        {hasSubTeams && !includeSubTeams && 'Its sub-teams may own something: switch on “Include sub-teams”.'}
      </EmptyState>
    );
  } else {
    content = (
      <>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Owned entities">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Lifecycle</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((owned) => {
                const ownedRef = stringifyEntityRef(owned);
                return (
                  <TableRow key={ownedRef}>
                    <TableCell>
                      <EntityRefLink entityRef={ownedRef} title={owned.metadata.title} />
                    </TableCell>
                    <TableCell>{owned.kind}</TableCell>
                    <TableCell>{text(owned.spec?.type) ?? '—'}</TableCell>
                    <TableCell>{text(owned.spec?.lifecycle) ?? '—'}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
        {entities.hasNextPage && (
          <Button sx={{ mt: 1 }} onClick={() => entities.fetchNextPage()} disabled={entities.isFetchingNextPage}>
            Show more ({total - rows.length} left)
          </Button>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Owned entities"
      action={
        hasSubTeams && (
          <FormControlLabel
            control={<Switch checked={includeSubTeams} onChange={(e) => setIncludeSubTeams(e.target.checked)} />}
            label="Include sub-teams"
          />
        )
      }
    >
      {includeSubTeams && teams.data && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Owned by this team or one of its {teams.data.refs.length - 1} sub-teams.
        </Typography>
      )}
      {teams.data?.truncated && (
        <Alert severity="info" sx={{ mb: 1 }}>
          The organisation below this team is too large to follow completely; some sub-teams are left out.
        </Alert>
      )}
      {(kindCounts.data?.length ?? 0) > 0 && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }} role="group" aria-label="Filter by kind">
          {kindCounts.data!.map(({ value, count }) => {
            const selected = kinds.includes(value);
            return (
              <Chip
                key={value}
                label={`${value} ${count}`}
                color={selected ? 'primary' : 'default'}
                variant={selected ? 'filled' : 'outlined'}
                onClick={() => toggleKind(value)}
                aria-pressed={selected}
              />
            );
          })}
        </Stack>
      )}
      {content}
    </InfoCard>
  );
}
