import { ANNOTATION_TECHDOCS_REF } from '@greenroom/model';
import { Chip, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import type { FacetCount } from '../../api/catalog';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { entityPath } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FacetSelect, OwnerSelect } from '../../components/FacetSelect';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useQueryParam } from '../../components/useQueryParam';
import { StarButton } from '../../stars/StarButton';
import { useStarredEntities } from '../../stars/useStarredEntities';
import { useDocumentedEntities, type DocumentedEntity } from './api';

/** Every entity with documentation and its build state, filterable by kind and owner; the user's starred ones first. */
export default function DocsIndexPage() {
  const [kind, setKind] = useQueryParam('kind');
  const [owner, setOwner] = useQueryParam('owner');
  const list = useDocumentedEntities({ kind, owner });
  // The filters offer what exists across all documentation, whatever is chosen now.
  const all = useDocumentedEntities();
  const { isStarred } = useStarredEntities();
  const items = list.data?.items ?? [];
  const starred = items.filter((item) => isStarred(item.entityRef));
  const others = items.filter((item) => !isStarred(item.entityRef));

  return (
    <>
      <PageTitle title="Documentation" subtitle="Documentation written next to the code, for every entity that has it." />
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
        <FacetSelect label="Kind" value={kind} options={countBy(all.data?.items, (item) => item.kind)} onChange={setKind} />
        <OwnerSelect value={owner} facets={{ 'relations.ownedBy': countBy(all.data?.items, (item) => item.owner) }} onChange={setOwner} />
      </Stack>
      {list.error && <ErrorPanel title="The documentation list could not be loaded" error={list.error} />}
      {list.isLoading ? (
        <Loading label="Loading documentation" />
      ) : items.length === 0 ? (
        <EmptyState title={kind || owner ? 'No documentation matches these filters' : 'No entity has documentation yet'}>
          Add the <code>{ANNOTATION_TECHDOCS_REF}</code> annotation to an entity to publish its docs.
        </EmptyState>
      ) : (
        <>
          {starred.length > 0 && <DocsTable caption="Starred" items={starred} />}
          {others.length > 0 && <DocsTable caption={starred.length > 0 ? 'All documentation' : undefined} items={others} />}
        </>
      )}
    </>
  );
}

function countBy(items: DocumentedEntity[] | undefined, key: (item: DocumentedEntity) => string | undefined): FacetCount[] {
  const counts = new Map<string, number>();
  for (const item of items ?? []) {
    const value = key(item);
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
}

const STATE_LABELS: Record<DocumentedEntity['state'], { label: string; color: 'default' | 'info' | 'success' | 'error' }> = {
  none: { label: 'Not built yet', color: 'default' },
  queued: { label: 'Queued', color: 'info' },
  building: { label: 'Building', color: 'info' },
  built: { label: 'Built', color: 'success' },
  failed: { label: 'Build failed', color: 'error' },
};

function DocsTable({ caption, items }: { caption?: string; items: DocumentedEntity[] }) {
  return (
    <>
      {caption && (
        <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
          {caption}
        </Typography>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={caption ?? 'Documentation'}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>Documentation</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Build</TableCell>
              <TableCell>Description</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item) => {
              const title = item.title ?? item.name;
              const state = STATE_LABELS[item.state];
              return (
                <TableRow key={item.entityRef} data-entity-ref={item.entityRef}>
                  <TableCell padding="checkbox">
                    <StarButton entityRef={item.entityRef} title={title} size="small" />
                  </TableCell>
                  <TableCell>
                    <Link component={RouterLink} to={`${entityPath(item.entityRef)}/docs/`}>
                      {title}
                    </Link>
                  </TableCell>
                  <TableCell>{item.kind}</TableCell>
                  <TableCell>{item.owner && <EntityRefLink entityRef={item.owner} defaultKind="group" />}</TableCell>
                  <TableCell>
                    <Chip size="small" variant="outlined" color={state.color} label={state.label} />
                    {item.builtAt && (
                      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                        {new Date(item.builtAt).toLocaleString()}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{item.description}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
