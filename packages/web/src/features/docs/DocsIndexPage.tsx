import { ANNOTATION_TECHDOCS_REF, stringifyEntityRef, type Entity } from '@greenroom/model';
import { Button, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FacetSelect, OwnerSelect } from '../../components/FacetSelect';
import { useQueryParam } from '../../components/useQueryParam';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useEntityList } from '../../components/useEntityList';
import { StarButton } from '../../stars/StarButton';
import type { EntityFilter } from '../../api/catalog';

const documented: EntityFilter = { [`metadata.annotations.${ANNOTATION_TECHDOCS_REF}`]: null };

/** Every entity with documentation, filterable by kind and owner; the user's starred ones first. */
export default function DocsIndexPage() {
  const [kind, setKind] = useQueryParam('kind');
  const [owner, setOwner] = useQueryParam('owner');
  const filter: EntityFilter = { ...documented, ...(kind && { kind }), ...(owner && { 'relations.ownedBy': owner }) };
  const list = useEntityList(filter, ['kind', 'relations.ownedBy'], documented);

  return (
    <>
      <PageTitle title="Documentation" subtitle="Documentation written next to the code, for every entity that has it." />
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
        <FacetSelect label="Kind" value={kind} options={list.facets.kind ?? []} onChange={setKind} />
        <OwnerSelect value={owner} facets={list.facets} onChange={setOwner} />
      </Stack>
      {list.error && <ErrorPanel title="The documentation list could not be loaded" error={list.error} />}
      {list.isLoading ? (
        <Loading label="Loading documentation" />
      ) : list.starred.length + list.others.length === 0 ? (
        <EmptyState title={kind || owner ? 'No documentation matches these filters' : 'No entity has documentation yet'}>
          Add the <code>{ANNOTATION_TECHDOCS_REF}</code> annotation to an entity to publish its docs.
        </EmptyState>
      ) : (
        <>
          {list.starred.length > 0 && <DocsTable caption="Starred" entities={list.starred} />}
          <DocsTable caption={list.starred.length > 0 ? 'All documentation' : undefined} entities={list.others} />
          {list.hasMore && (
            <Button onClick={list.loadMore} disabled={list.loadingMore} sx={{ mt: 2 }}>
              {list.loadingMore ? 'Loading…' : `Show more (${list.total} in all)`}
            </Button>
          )}
        </>
      )}
    </>
  );
}

function DocsTable({ caption, entities }: { caption?: string; entities: Entity[] }) {
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
              <TableCell>Description</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entities.map((entity) => {
              const ref = stringifyEntityRef(entity);
              const owner = entity.relations?.find((r) => r.type === 'ownedBy')?.targetRef;
              const title = entity.metadata.title ?? entity.metadata.name;
              return (
                <TableRow key={ref} data-entity-ref={ref}>
                  <TableCell padding="checkbox">
                    <StarButton entityRef={ref} title={title} size="small" />
                  </TableCell>
                  <TableCell>
                    <EntityRefLink entityRef={ref} title={title} />
                  </TableCell>
                  <TableCell>{entity.kind}</TableCell>
                  <TableCell>{owner && <EntityRefLink entityRef={owner} defaultKind="group" />}</TableCell>
                  <TableCell>{entity.metadata.description}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
