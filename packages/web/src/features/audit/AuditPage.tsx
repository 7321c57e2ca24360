import { parseEntityRef } from '@greenroom/model';
import {
  Alert,
  Box,
  Button,
  Card,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { usePermission } from '../../permissions/usePermission';
import { AUDIT_READ_PERMISSION, listAuditEvents, type AuditEvent, type AuditFilters, type AuditOutcome } from './api';

const FILTER_KEYS = ['actor', 'action', 'outcome', 'from', 'to'] as const;
const OUTCOME_COLOR: Record<AuditOutcome, 'success' | 'warning' | 'error'> = { allowed: 'success', denied: 'warning', failed: 'error' };

/** The audit log for admins: who did what to which resource, when, and whether it was allowed. */
export default function AuditPage() {
  const permission = usePermission(AUDIT_READ_PERMISSION);
  if (permission.loading) return <Loading label="Checking your permissions" />;
  if (!permission.allowed) {
    return (
      <>
        <PageTitle title="Audit log" />
        <Alert severity="info">Only Greenroom admins may read the audit log.</Alert>
      </>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]));
  // Earlier pages' cursors, so Back can return to them; the server pages forward only.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const events = useQuery({
    queryKey: ['audit-events', filters, cursor],
    queryFn: () => listAuditEvents(filters, cursor),
    placeholderData: keepPreviousData,
  });

  const applyFilters = (next: AuditFilters) => {
    setCursors([undefined]);
    setParams(() => {
      const search = new URLSearchParams();
      for (const key of FILTER_KEYS) if (next[key]) search.set(key, next[key]!);
      return search;
    });
  };

  return (
    <>
      <PageTitle title="Audit log" subtitle="Every state-changing action, sign-in and refused attempt, newest first." />
      <FilterForm key={params.toString()} initial={filters} onApply={applyFilters} />
      {events.error && <ErrorPanel title="The audit log could not be loaded" error={events.error} />}
      {events.isPending ? (
        <Loading label="Loading audit events" />
      ) : events.data && events.data.items.length === 0 ? (
        <EmptyState title="No audit events match these filters" />
      ) : (
        events.data && (
          <Card>
            <TableContainer>
              <Table size="small" aria-label="Audit events" sx={{ opacity: events.isPlaceholderData ? 0.6 : 1 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>When</TableCell>
                    <TableCell>Actor</TableCell>
                    <TableCell>Action</TableCell>
                    <TableCell>Resource</TableCell>
                    <TableCell>Outcome</TableCell>
                    <TableCell>Details</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {events.data.items.map((event) => (
                    <EventRow key={event.id} event={event} />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Card>
        )
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </Button>
        <Button
          disabled={!events.data?.nextCursor || events.isPlaceholderData}
          onClick={() => setCursors((c) => [...c, events.data!.nextCursor])}
        >
          Older
        </Button>
      </Stack>
    </>
  );
}

function FilterForm({ initial, onApply }: { initial: AuditFilters; onApply(filters: AuditFilters): void }) {
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const field = (key: keyof AuditFilters) => ({
    value: draft[key] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value || undefined })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const dateInput = { inputLabel: { shrink: true } };
  return (
    <Box component="form" onSubmit={submit} aria-label="Filter audit events" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}>
      <TextField size="small" label="Actor" placeholder="user:default/jane" {...field('actor')} />
      <TextField size="small" label="Action" placeholder="catalog.location.create" {...field('action')} />
      <TextField size="small" select label="Outcome" sx={{ minWidth: 140 }} {...field('outcome')}>
        <MenuItem value="">Any</MenuItem>
        <MenuItem value="allowed">Allowed</MenuItem>
        <MenuItem value="denied">Denied</MenuItem>
        <MenuItem value="failed">Failed</MenuItem>
      </TextField>
      <TextField size="small" type="date" label="From" slotProps={dateInput} {...field('from')} />
      <TextField size="small" type="date" label="To" slotProps={dateInput} {...field('to')} />
      <Button type="submit" variant="contained">
        Apply filters
      </Button>
      <Button onClick={() => onApply({})}>Clear</Button>
    </Box>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const details = event.details && Object.keys(event.details).length > 0 ? JSON.stringify(event.details) : '';
  return (
    <TableRow>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
      </TableCell>
      <TableCell>
        {event.actor.type === 'user' ? (
          <EntityRefLink entityRef={event.actor.ref} title={event.actor.displayName} />
        ) : (
          event.actor.displayName
        )}
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {event.actor.type}
        </Typography>
      </TableCell>
      <TableCell>
        <code>{event.action}</code>
      </TableCell>
      <TableCell>{event.resource ? <ResourceText resource={event.resource} /> : '—'}</TableCell>
      <TableCell>
        <Chip size="small" label={event.outcome} color={OUTCOME_COLOR[event.outcome] ?? 'default'} />
      </TableCell>
      <TableCell sx={{ maxWidth: 320 }}>
        <Typography variant="body2" component="code" sx={{ wordBreak: 'break-all' }}>
          {details}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/**
 * Entity refs link to their entity; anything else (a location id, a token id) is shown as text.
 * `location:` refs name registered locations, which have no entity page of their own.
 */
function ResourceText({ resource }: { resource: string }) {
  let kind: string | undefined;
  try {
    if (!resource.includes('://')) kind = parseEntityRef(resource).kind.toLowerCase();
  } catch {
    kind = undefined;
  }
  return kind && kind !== 'location' ? <EntityRefLink entityRef={resource} withKind /> : <code>{resource}</code>;
}
