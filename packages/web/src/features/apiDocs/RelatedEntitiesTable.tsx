import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { ownerRef, type RelatedRow } from './api';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Related entities as a table: name (linked, description beneath), type, lifecycle, owner. */
export function RelatedEntitiesTable({
  label,
  rows,
  error,
  emptyText,
}: {
  label: string;
  rows?: RelatedRow[];
  error: unknown;
  emptyText: string;
}) {
  if (error) return <ErrorPanel title={`${label} could not be loaded`} error={error} />;
  if (!rows) return <Loading label={`Loading ${label.toLowerCase()}`} />;
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" role="status">
        {emptyText}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Lifecycle</TableCell>
            <TableCell>Owner</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ ref, entity }) => {
            const owner = entity && ownerRef(entity);
            return (
              <TableRow key={ref}>
                <TableCell sx={{ minWidth: 180 }}>
                  <EntityRefLink entityRef={ref} title={entity?.metadata.title} />
                  {entity === null && (
                    <Typography variant="caption" color="warning.main" sx={{ display: 'block' }}>
                      not in the catalog
                    </Typography>
                  )}
                  {text(entity?.metadata.description) && (
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
                      {entity!.metadata.description}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{text(entity?.spec?.type) ?? '—'}</TableCell>
                <TableCell>{text(entity?.spec?.lifecycle) ?? '—'}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{owner ? <EntityRefLink entityRef={owner} defaultKind="group" /> : '—'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
