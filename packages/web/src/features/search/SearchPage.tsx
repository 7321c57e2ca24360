import {
  Box,
  Button,
  Chip,
  Grid,
  LinearProgress,
  Link,
  List,
  ListItem,
  Paper,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { humanizeRef } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FacetSelect } from '../../components/FacetSelect';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { SEARCH_FACETS, SEARCH_TYPES, searchTypeLabel, useSearch, type SearchResult, type SearchResultSet } from './api';
import { HighlightedText } from './highlight';
import { QuerySyntaxHelp } from './QuerySyntaxHelp';
import { portalPath } from './results';
import { searchQueryFromUrl, withChange } from './searchUrlState';

const ALL_TYPES = 'all';

/** `group:default/team-a` reads as `team-a`; an owner that is not a valid ref is shown as it is. */
function readableOwner(owner: string): string {
  try {
    return humanizeRef(owner, { defaultKind: 'group' });
  } catch {
    return owner;
  }
}

/** One search across the catalog, docs and templates; everything that shapes it lives in the URL. */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = searchQueryFromUrl(params);
  const [draft, setDraft] = useState(query.term);
  useEffect(() => setDraft(query.term), [query.term]);
  // Filters alone are a search too (`filters[kind]=api` lists every API).
  const hasQuery = query.term.length > 0 || Object.keys(query.filters ?? {}).length > 0;
  const results = useSearch({ ...query, facets: true }, { enabled: hasQuery });

  const change = (edit: (next: URLSearchParams) => void) => setParams((current) => withChange(current, edit));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change((next) => (draft.trim() ? next.set('query', draft.trim()) : next.delete('query')));
  };
  const tab = query.types?.[0] ?? ALL_TYPES;

  return (
    <>
      <PageTitle title="Search" />
      <Box component="form" role="search" onSubmit={submit} sx={{ display: 'flex', gap: 2, mb: 2, maxWidth: 720 }}>
        <TextField type="search" fullWidth label="Search Greenroom" value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
        <Button type="submit" variant="contained">
          Search
        </Button>
      </Box>
      <Tabs
        value={tab}
        onChange={(_event, value: string) => change((next) => (value === ALL_TYPES ? next.delete('types') : next.set('types', value)))}
        aria-label="Result types"
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value={ALL_TYPES} label="All" />
        {SEARCH_TYPES.map((type) => (
          <Tab key={type.type} value={type.type} label={type.label} />
        ))}
      </Tabs>
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
            {SEARCH_FACETS.map((facet) => (
              <FacetSelect
                key={facet.key}
                label={facet.label}
                value={query.filters?.[facet.key]}
                options={results.data?.facets?.[facet.key] ?? []}
                format={facet.key === 'owner' ? readableOwner : undefined}
                onChange={(value) =>
                  change((next) => (value ? next.set(`filters[${facet.key}]`, value) : next.delete(`filters[${facet.key}]`)))
                }
              />
            ))}
          </Box>
          {!hasQuery ? (
            <EmptyState title="Type a word to search the catalog, docs and templates">
              Names, titles, descriptions and documentation are searched; filters narrow it down.
            </EmptyState>
          ) : results.error ? (
            <ErrorPanel title="The search failed" error={results.error} />
          ) : !results.data ? (
            <Loading label="Searching" />
          ) : results.data.results.length === 0 ? (
            <EmptyState title={query.term ? `Nothing matches “${query.term}”` : 'Nothing matches these filters'}>
              Try fewer words, another spelling, or remove a filter.
            </EmptyState>
          ) : (
            <ResultList
              data={results.data}
              updating={results.isPlaceholderData}
              showType={tab === ALL_TYPES}
              onPage={(cursor) => change((next) => next.set('cursor', cursor))}
            />
          )}
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <QuerySyntaxHelp />
        </Grid>
      </Grid>
    </>
  );
}

function ResultList({
  data,
  updating,
  showType,
  onPage,
}: {
  data: SearchResultSet;
  updating: boolean;
  showType: boolean;
  onPage(cursor: string): void;
}) {
  return (
    <>
      <Typography variant="body2" color="text.secondary" role="status" sx={{ mb: 1 }}>
        {data.numberOfResults.toLocaleString('en-US')}
        {data.numberOfResultsCapped ? '+' : ''} {data.numberOfResults === 1 ? 'result' : 'results'}
      </Typography>
      {updating && <LinearProgress aria-label="Updating the results" />}
      <Paper variant="outlined">
        <List aria-label="Search results">
          {data.results.map((result, index) => (
            <ResultItem key={`${result.document.location}#${index}`} result={result} showType={showType} />
          ))}
        </List>
      </Paper>
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <Button disabled={!data.previousPageCursor} onClick={() => data.previousPageCursor && onPage(data.previousPageCursor)}>
          Previous
        </Button>
        <Button disabled={!data.nextPageCursor} onClick={() => data.nextPageCursor && onPage(data.nextPageCursor)}>
          Next
        </Button>
      </Stack>
    </>
  );
}

function ResultItem({ result, showType }: { result: SearchResult; showType: boolean }) {
  const { document, highlight } = result;
  const path = portalPath(document.location);
  const title = (
    <HighlightedText
      text={highlight?.fields.title ?? document.title}
      preTag={highlight?.fields.title ? highlight.preTag : undefined}
      postTag={highlight?.postTag}
    />
  );
  const chips = [showType ? searchTypeLabel(result.type) : undefined, document.kind, document.type, document.lifecycle].filter(
    (chip): chip is string => Boolean(chip),
  );
  return (
    <ListItem divider sx={{ display: 'block', '& mark': { bgcolor: 'warning.light', color: 'inherit', borderRadius: 0.5 } }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        {path ? (
          <Link component={RouterLink} to={path} sx={{ fontWeight: 600 }}>
            {title}
          </Link>
        ) : (
          <Typography component="span" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
        )}
        {chips.map((chip, index) => (
          <Chip key={`${index}:${chip}`} label={chip} size="small" variant="outlined" />
        ))}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        <HighlightedText
          text={highlight?.fields.text ?? document.text}
          preTag={highlight?.fields.text ? highlight.preTag : undefined}
          postTag={highlight?.postTag}
        />
      </Typography>
      {document.entityTitle && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          In the documentation of {document.entityTitle}
        </Typography>
      )}
      {document.owner && (
        <Typography variant="caption" color="text.secondary">
          Owner: {readableOwner(document.owner)}
        </Typography>
      )}
    </ListItem>
  );
}
