import { Box, Button, Skeleton, Typography } from '@mui/material';
import { useCallback, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageTitle } from '../../components/PageTitle';
import { pluralKind } from '../../components/pluralKind';
import { useStarredEntities } from '../../stars/useStarredEntities';
import { useCatalogRows, useFilterOptions, useKindCounts } from './api';
import { CatalogFilterBar, type FilterChange } from './CatalogFilterBar';
import { CatalogTable } from './CatalogTable';
import { columnsForKind, fieldsForColumns } from './columns';
import { useCatalogView } from './useCatalogView';
import { DEFAULT_SORT, defaultFilters, hasNarrowingFilters, type CatalogViewState } from './urlState';

export default function CatalogPage() {
  const { view, firstRow, show } = useCatalogView();
  const kinds = useKindCounts();
  const options = useFilterOptions(view.filters.kind);
  const { starred } = useStarredEntities();

  const columns = columnsForKind(view.filters.kind);
  // A sort this kind cannot do (another kind's column) falls back to the name.
  const sortColumn = columns.find((column) => column.id === view.sort.column && column.sortField) ?? columns[0];
  const sort = sortColumn.id === view.sort.column ? view.sort : { ...DEFAULT_SORT };
  const rows = useCatalogRows(view, {
    fields: fieldsForColumns(columns),
    order: { field: sortColumn.sortField ?? 'metadata.name', order: sort.order },
  });

  const changeFilters: FilterChange = useCallback(
    (patch, options) => show({ ...view, filters: { ...view.filters, ...patch }, cursor: undefined }, options),
    [view, show],
  );
  const changeKind = (kind: string) =>
    // Types, lifecycles and tags differ between kinds, and so do the columns one can sort by.
    show({
      ...view,
      filters: { ...defaultFilters(kind), user: view.filters.user, text: view.filters.text },
      sort: { ...DEFAULT_SORT },
      cursor: undefined,
    });
  const clearFilters = () => show({ ...view, filters: defaultFilters(view.filters.kind), cursor: undefined });
  const changeSort = (column: string) =>
    show({ ...view, sort: { column, order: sort.column === column && sort.order === 'asc' ? 'desc' : 'asc' }, cursor: undefined });

  const kindCounts = kinds.data ?? [];
  const catalogIsEmpty = kinds.isSuccess && kindCounts.every((kind) => kind.count === 0);
  const kindLabel = kindCounts.find((kind) => kind.value.toLowerCase() === view.filters.kind)?.value ?? view.filters.kind;

  const title = (
    <PageTitle
      title="Catalog"
      subtitle="Everything your organisation builds and runs, with its owners."
      actions={
        <Button component={RouterLink} to="/catalog-import" variant="contained">
          Register existing component
        </Button>
      }
    />
  );

  if (catalogIsEmpty) {
    return (
      <>
        {title}
        <EmptyState title="The catalog is empty">
          <p>Register a component's catalog-info.yaml to see it here.</p>
          <Button component={RouterLink} to="/catalog-import" variant="outlined">
            Register a component
          </Button>
        </EmptyState>
      </>
    );
  }

  let content: ReactNode;
  if (rows.error && !rows.data) {
    content = (
      <>
        <ErrorPanel title="The catalog could not be loaded" error={rows.error} />
        {view.cursor && (
          <Button variant="outlined" onClick={() => show({ ...view, cursor: undefined })}>
            Back to the first page
          </Button>
        )}
      </>
    );
  } else if (!rows.data) {
    content = <RowsSkeleton />;
  } else if (rows.data.items.length === 0) {
    content = <NoRows view={view} nothingStarred={starred.length === 0} kindLabel={kindLabel} onClearFilters={clearFilters} />;
  } else {
    content = (
      <CatalogTable
        columns={columns}
        page={rows.data}
        sort={sort}
        onSort={changeSort}
        busy={rows.isFetching && rows.isPlaceholder}
        pageSize={view.pageSize}
        firstRow={firstRow}
        onPage={(cursor, first) => show({ ...view, cursor }, { firstRow: first })}
        onPageSize={(pageSize) => show({ ...view, pageSize }, { firstRow })}
      />
    );
  }

  return (
    <>
      {title}
      <CatalogFilterBar
        filters={view.filters}
        kinds={kindCounts}
        options={options.data}
        onChange={changeFilters}
        onKindChange={changeKind}
      />
      <Typography variant="h2" sx={{ fontSize: '1.25rem', mb: 1.5 }}>
        {pluralKind(kindLabel)}
        {rows.data && (
          <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
            {' '}
            ({rows.data.totalItems.toLocaleString()})
          </Box>
        )}
      </Typography>
      {content}
    </>
  );
}

function NoRows({
  view,
  nothingStarred,
  kindLabel,
  onClearFilters,
}: {
  view: CatalogViewState;
  nothingStarred: boolean;
  kindLabel: string;
  onClearFilters: () => void;
}) {
  if (view.filters.user === 'starred' && nothingStarred) {
    return (
      <EmptyState title="Nothing starred yet">
        <p>Use the ☆ next to any entity to keep it at hand here and on the home page.</p>
      </EmptyState>
    );
  }
  if (!hasNarrowingFilters(view.filters)) {
    return (
      <EmptyState title={`There are no ${pluralKind(kindLabel)} in the catalog`}>
        <p>Choose another kind above.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No entities match these filters">
      <Button variant="outlined" onClick={onClearFilters}>
        Clear filters
      </Button>
    </EmptyState>
  );
}

function RowsSkeleton() {
  return (
    <Box role="progressbar" aria-label="Loading entities">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} variant="rectangular" height={36} sx={{ mb: 0.5, borderRadius: 1 }} />
      ))}
    </Box>
  );
}
