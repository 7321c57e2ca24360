import { MenuItem, TextField } from '@mui/material';
import { humanizeRef } from './entityRoutes';
import type { FacetCount } from '../api/catalog';

/** A labelled single-choice filter over facet values ("any" clears it); counts shown beside each value. */
export function FacetSelect({
  label,
  value,
  options,
  onChange,
  format = (v) => v,
}: {
  label: string;
  value: string | undefined;
  options: FacetCount[];
  onChange(value: string | undefined): void;
  format?: (value: string) => string;
}) {
  // Keep a chosen value selectable even when the current facets no longer list it.
  const listed = value && !options.some((o) => o.value.toLowerCase() === value.toLowerCase()) ? [{ value, count: 0 }, ...options] : options;
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || undefined)}
      sx={{ minWidth: 180 }}
    >
      <MenuItem value="">
        <em>Any</em>
      </MenuItem>
      {listed.map((option) => (
        <MenuItem key={option.value} value={option.value}>
          {format(option.value)} {option.count ? `(${option.count})` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The owner filter: facet `relations.ownedBy`, shown as short refs (`team-a`, `user:jane`). */
export function OwnerSelect({
  value,
  facets,
  onChange,
}: {
  value: string | undefined;
  facets: Record<string, FacetCount[]>;
  onChange(value: string | undefined): void;
}) {
  return (
    <FacetSelect
      label="Owner"
      value={value}
      options={facets['relations.ownedBy'] ?? []}
      onChange={onChange}
      format={(ref) => humanizeRef(ref, { defaultKind: 'group' })}
    />
  );
}
