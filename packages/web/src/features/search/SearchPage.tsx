import { stringifyEntityRef } from '@greenroom/model';
import { Box, Button, Chip, List, ListItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { queryEntities } from '../../api/catalog';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';

const PAGE_SIZE = 25;

/** Finds entities by words in their name, title, description, type, owner or tags. The term lives in the URL. */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const term = params.get('query')?.trim() ?? '';
  const cursor = params.get('cursor') ?? undefined;
  const [draft, setDraft] = useState(term);
  useEffect(() => setDraft(term), [term]);

  const results = useQuery({
    queryKey: ['search', term, cursor],
    enabled: term.length > 0,
    queryFn: () => queryEntities(cursor ? { cursor, limit: PAGE_SIZE } : { fullTextTerm: term, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(draft.trim() ? { query: draft.trim() } : {});
  };
  const goTo = (next: string | undefined) => setParams(next ? { query: term, cursor: next } : { query: term });

  return (
    <>
      <PageTitle title="Search" />
      <Box component="form" role="search" onSubmit={submit} sx={{ display: 'flex', gap: 2, mb: 3, maxWidth: 720 }}>
        <TextField type="search" fullWidth label="Search the catalog" value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
        <Button type="submit" variant="contained">
          Search
        </Button>
      </Box>
      {!term ? (
        <EmptyState title="Type a word to search the catalog">Names, titles, descriptions, types, owners and tags are searched.</EmptyState>
      ) : results.isLoading ? (
        <Loading label="Searching" />
      ) : results.error ? (
        <ErrorPanel title="The search failed" error={results.error} />
      ) : results.data && results.data.items.length === 0 ? (
        <EmptyState title={`Nothing matches “${term}”`}>Try fewer or different words.</EmptyState>
      ) : (
        results.data && (
          <>
            <Typography variant="body2" color="text.secondary" role="status" sx={{ mb: 1 }}>
              {results.data.totalItems} {results.data.totalItems === 1 ? 'result' : 'results'}
            </Typography>
            <Paper variant="outlined">
              <List aria-label="Search results">
                {results.data.items.map((entity) => {
                  const ref = stringifyEntityRef(entity);
                  return (
                    <ListItem key={ref} divider sx={{ display: 'block' }}>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <EntityRefLink entityRef={ref} title={entity.metadata.title ?? entity.metadata.name} />
                        <Chip label={entity.kind} size="small" variant="outlined" />
                        {typeof entity.spec?.type === 'string' && <Chip label={entity.spec.type} size="small" variant="outlined" />}
                      </Stack>
                      {entity.metadata.description && (
                        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                          {entity.metadata.description}
                        </Typography>
                      )}
                    </ListItem>
                  );
                })}
              </List>
            </Paper>
            <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
              <Button disabled={!results.data.pageInfo.prevCursor} onClick={() => goTo(results.data!.pageInfo.prevCursor)}>
                Previous
              </Button>
              <Button disabled={!results.data.pageInfo.nextCursor} onClick={() => goTo(results.data!.pageInfo.nextCursor)}>
                Next
              </Button>
            </Stack>
          </>
        )
      )}
    </>
  );
}
