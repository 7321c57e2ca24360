import FilterListIcon from '@mui/icons-material/FilterList';
import SearchIcon from '@mui/icons-material/Search';
import {
  Autocomplete,
  createFilterOptions,
  Badge,
  Box,
  Button,
  Collapse,
  InputAdornment,
  MenuItem,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useEffect, useId, useRef, useState } from 'react';
import type { FacetCount } from '../../api/catalog';
import { humanizeRef } from '../../components/entityRoutes';
import { FILTER_FACETS } from './api';
import { ownerRef, type CatalogFilters, type MultiValuedFilter } from './urlState';

const TEXT_DEBOUNCE_MS = 300;

export interface FilterChange {
  (patch: Partial<CatalogFilters>, options?: { replace?: boolean }): void;
}

interface CatalogFilterBarProps {
  filters: CatalogFilters;
  kinds: FacetCount[];
  options: Record<string, FacetCount[]> | undefined;
  onChange: FilterChange;
  onKindChange: (kind: string) => void;
}

/** Kind, starred/all and text always in view; the facet filters fold behind a button below laptop width. */
export function CatalogFilterBar({ filters, kinds, options, onChange, onKindChange }: CatalogFilterBarProps) {
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('md'), { noSsr: true });
  const [open, setOpen] = useState(false);
  const facetsId = useId();
  const facetNames = Object.keys(FILTER_FACETS) as MultiValuedFilter[];
  const activeFacetFilters = facetNames.reduce((n, name) => n + filters[name].length, 0);

  const kindOptions = kinds.some((k) => k.value.toLowerCase() === filters.kind) ? kinds : [...kinds, { value: filters.kind, count: 0 }];
  const facet = (name: MultiValuedFilter) => options?.[FILTER_FACETS[name]] ?? [];
  /**
   * A filter the kind has no values for (users have no lifecycle) is left out once the options are
   * known, and so is the namespace unless there are several: most catalogs use one.
   */
  const offered = (name: MultiValuedFilter) => {
    if (filters[name].length > 0) return true;
    if (!options) return name !== 'namespace';
    return facet(name).length > (name === 'namespace' ? 1 : 0);
  };
  const multiFilter = (name: MultiValuedFilter, label: string, extra: Partial<MultiFilterProps> = {}) =>
    offered(name) && (
      <MultiFilter
        label={label}
        values={filters[name]}
        options={facet(name)}
        onChange={(values) => onChange({ [name]: values })}
        {...extra}
      />
    );
  const facetFilters = (
    <Box id={facetsId} sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', pt: 2 }}>
      {multiFilter('type', 'Type')}
      {multiFilter('owners', 'Owner', { normalize: ownerRef, display: humanizeOwner })}
      {multiFilter('lifecycles', 'Lifecycle')}
      {multiFilter('tags', 'Tags')}
      {multiFilter('namespace', 'Namespace')}
    </Box>
  );
  const anyFacetFilter = facetNames.some(offered);

  return (
    <Box component="section" aria-label="Filters" sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label="Kind"
          value={filters.kind}
          onChange={(event) => onKindChange(event.target.value)}
          sx={{ minWidth: 180 }}
        >
          {kindOptions.map((kind) => (
            <MenuItem key={kind.value.toLowerCase()} value={kind.value.toLowerCase()}>
              {kind.value} ({kind.count.toLocaleString()})
            </MenuItem>
          ))}
        </TextField>
        <ToggleButtonGroup
          exclusive
          size="small"
          aria-label="Which entities"
          value={filters.user}
          onChange={(_event, user: CatalogFilters['user'] | null) => user && onChange({ user })}
        >
          <ToggleButton value="all">All</ToggleButton>
          <ToggleButton value="starred">Starred</ToggleButton>
        </ToggleButtonGroup>
        <TextFilter
          value={filters.text}
          // Refining a term replaces the history entry; starting or clearing one is a step that Back undoes.
          onChange={(text) => onChange({ text }, { replace: filters.text.trim() !== '' && text.trim() !== '' })}
        />
        {narrow && anyFacetFilter && (
          <Button
            variant="outlined"
            startIcon={
              <Badge badgeContent={activeFacetFilters} color="primary">
                <FilterListIcon />
              </Badge>
            }
            aria-expanded={open}
            aria-controls={facetsId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide filters' : 'More filters'}
          </Button>
        )}
      </Box>
      {anyFacetFilter && (narrow ? <Collapse in={open}>{facetFilters}</Collapse> : facetFilters)}
    </Box>
  );
}

function humanizeOwner(ref: string): string {
  try {
    return humanizeRef(ref, { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

/**
 * The text filter types freely and reaches the URL (and the server) once typing pauses.
 * Changes from outside — back/forward, "Clear filters" — replace what is in the box.
 */
function TextFilter({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const [input, setInput] = useState(value);
  const committed = useRef(value);
  // The latest callback, so that re-renders of the page do not restart the pause.
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });

  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setInput(value);
    }
  }, [value]);

  useEffect(() => {
    if (input === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = input;
      latestOnChange.current(input);
    }, TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);

  return (
    <TextField
      size="small"
      type="search"
      label="Filter"
      placeholder="Name, description, owner or tag"
      value={input}
      onChange={(event) => setInput(event.target.value)}
      sx={{ flex: '1 1 240px', maxWidth: 480 }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

interface MultiFilterProps {
  label: string;
  values: string[];
  options: FacetCount[];
  onChange: (values: string[]) => void;
  /** How values compare (facet values and URL values may be spelled differently). */
  normalize?: (value: string) => string;
  display?: (value: string) => string;
}

const lowerCase = (value: string) => value.toLowerCase();

/** Thousands of owners would make the list slow to open; typing narrows it. */
const filterOptions = createFilterOptions<string>({ limit: 100 });

function MultiFilter({ label, values, options, onChange, normalize = lowerCase, display = (value) => value }: MultiFilterProps) {
  const counts = new Map(options.map((option) => [normalize(option.value), option.count]));
  // A value from the URL that the catalog does not have still shows (and can be removed).
  const choices = [...options.map((option) => option.value), ...values.filter((value) => !counts.has(normalize(value)))];
  return (
    <Autocomplete
      multiple
      size="small"
      limitTags={2}
      options={choices}
      value={values}
      onChange={(_event, next) => onChange(next)}
      isOptionEqualToValue={(option, value) => normalize(option) === normalize(value)}
      getOptionLabel={display}
      filterOptions={filterOptions}
      noOptionsText="No values for this kind"
      renderOption={(props, option) => {
        const { key, ...rest } = props;
        return (
          <Box component="li" key={key} {...rest} sx={{ display: 'flex', gap: 1 }}>
            <Box component="span" sx={{ flexGrow: 1 }}>
              {display(option)}
            </Box>
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {counts.get(normalize(option)) ?? 0}
            </Box>
          </Box>
        );
      }}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
}
