import type { Entity } from '@greenroom/model';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import {
  Box,
  IconButton,
  LinearProgress,
  MenuItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useRef } from 'react';
import type { EntityPage } from '../../api/catalog';
import { StarButton } from '../../stars/StarButton';
import type { CatalogColumn } from './columns';
import { entityRefOf, entityTitle } from './entityValues';
import { PAGE_SIZES, type CatalogViewState, type PageSize } from './urlState';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

interface CatalogTableProps {
  columns: CatalogColumn[];
  page: EntityPage;
  /** The column the rows are sorted by (the name column when the view's sort does not apply to this kind). */
  sort: CatalogViewState['sort'];
  onSort: (column: string) => void;
  /** Another page is on its way; the current one stays readable meanwhile. */
  busy: boolean;
  pageSize: PageSize;
  firstRow: number | undefined;
  onPage: (cursor: string, firstRow: number | undefined) => void;
  onPageSize: (pageSize: PageSize) => void;
}

/** The entity rows of one page. The test id and `data-entity-ref` are relied on by browser tests and benchmarks. */
export function CatalogTable({ columns, page, sort, onSort, busy, pageSize, firstRow, onPage, onPageSize }: CatalogTableProps) {
  const top = useRef<HTMLDivElement>(null);
  // The page buttons sit below the rows: show the new page from its first row.
  const turnPage = (cursor: string, first: number | undefined) => {
    onPage(cursor, first);
    if (top.current && top.current.getBoundingClientRect().top < 0) top.current.scrollIntoView?.({ block: 'start' });
  };
  return (
    <Paper ref={top} variant="outlined" sx={{ position: 'relative', overflow: 'hidden', scrollMarginTop: 80 }}>
      {busy && <LinearProgress aria-label="Loading entities" sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 1 }} />}
      <TableContainer sx={{ overflowX: 'auto' }}>
        <Table data-testid="catalog-table" size="small" aria-busy={busy} sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Box component="span" sx={visuallyHidden}>
                  Starred
                </Box>
              </TableCell>
              {columns.map((column) => {
                const active = sort.column === column.id;
                return (
                  <TableCell
                    key={column.id}
                    sx={{ whiteSpace: 'nowrap', fontWeight: 600, px: 1.5 }}
                    sortDirection={active ? sort.order : false}
                  >
                    {column.sortField ? (
                      <TableSortLabel active={active} direction={active ? sort.order : 'asc'} onClick={() => onSort(column.id)}>
                        {column.label}
                      </TableSortLabel>
                    ) : (
                      column.label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {page.items.map((entity) => (
              <EntityRow key={entityRefOf(entity)} entity={entity} columns={columns} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Pagination page={page} pageSize={pageSize} firstRow={firstRow} onPage={turnPage} onPageSize={onPageSize} />
    </Paper>
  );
}

function EntityRow({ entity, columns }: { entity: Entity; columns: CatalogColumn[] }) {
  const ref = entityRefOf(entity);
  return (
    <TableRow hover data-entity-ref={ref}>
      <TableCell padding="checkbox" sx={{ verticalAlign: 'top', pt: 0.5 }}>
        <StarButton entityRef={ref} title={entityTitle(entity)} size="small" />
      </TableCell>
      {columns.map((column) => (
        <TableCell key={column.id} sx={{ verticalAlign: 'top', py: 1.25, px: 1.5, whiteSpace: column.nowrap ? 'nowrap' : undefined }}>
          {/* Table cells ignore min-width; their content does not. */}
          <Box sx={{ minWidth: column.minWidth }}>{column.render(entity)}</Box>
        </TableCell>
      ))}
    </TableRow>
  );
}

function Pagination({
  page,
  pageSize,
  firstRow,
  onPage,
  onPageSize,
}: Pick<CatalogTableProps, 'page' | 'pageSize' | 'firstRow' | 'onPage' | 'onPageSize'>) {
  const { nextCursor, prevCursor } = page.pageInfo;
  const total = page.totalItems.toLocaleString();
  const shown =
    firstRow !== undefined && page.items.length > 0
      ? `${firstRow.toLocaleString()}–${(firstRow + page.items.length - 1).toLocaleString()} of ${total}`
      : `${total} in all`;
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'flex-end',
        flexWrap: 'wrap',
        gap: 2,
        px: 2,
        py: 1,
        borderTop: 1,
        borderColor: 'divider',
      }}
    >
      <TextField
        select
        size="small"
        variant="standard"
        label="Rows per page"
        value={pageSize}
        onChange={(event) => onPageSize(Number(event.target.value) as PageSize)}
        sx={{ minWidth: 110 }}
      >
        {PAGE_SIZES.map((size) => (
          <MenuItem key={size} value={size}>
            {size}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" role="status" aria-live="polite">
        {shown}
      </Typography>
      <Box>
        <IconButton
          aria-label="Previous page"
          disabled={!prevCursor}
          onClick={() => prevCursor && onPage(prevCursor, firstRow !== undefined ? Math.max(1, firstRow - pageSize) : undefined)}
        >
          <NavigateBeforeIcon />
        </IconButton>
        <IconButton
          aria-label="Next page"
          disabled={!nextCursor}
          onClick={() => nextCursor && onPage(nextCursor, firstRow !== undefined ? firstRow + page.items.length : undefined)}
        >
          <NavigateNextIcon />
        </IconButton>
      </Box>
    </Box>
  );
}
