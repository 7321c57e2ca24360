import { parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { humanizeRef } from '../../../components/entityRoutes';
import { findEntities, type CatalogFilter } from '../api';
import { catalogFilters } from './catalogFilter';
import { fieldText } from './fieldText';

// EntityPicker, OwnerPicker and OwnedEntityPicker: one autocomplete over catalog entities whose
// stored value is the full entity ref (`group:default/team-a`); they differ only in the filter.

const OWNER_KINDS: CatalogFilter[] = [{ kind: ['Group', 'User'] }];
/** The catalog expands this to the signed-in user's ownership refs (the user and their groups). */
const CURRENT_USER_OWNERSHIP = '__catalog:current_user_ownership_refs__';

export function EntityPicker(props: FieldProps) {
  return <EntityAutocomplete {...props} filters={catalogFilters(fieldText(props).options)} />;
}

export function OwnerPicker(props: FieldProps) {
  return <EntityAutocomplete {...props} filters={catalogFilters(fieldText(props).options, OWNER_KINDS)} defaultKindFallback="group" />;
}

export function OwnedEntityPicker(props: FieldProps) {
  const filters = catalogFilters(fieldText(props).options, [{}]).map((filter) => ({
    ...filter,
    'relations.ownedBy': CURRENT_USER_OWNERSHIP,
  }));
  return <EntityAutocomplete {...props} filters={filters} />;
}

interface Option {
  ref: string;
  title: string;
}

function toOption(entity: Entity): Option {
  const profile = (entity.spec as { profile?: { displayName?: string } } | undefined)?.profile;
  return { ref: stringifyEntityRef(entity), title: entity.metadata.title ?? profile?.displayName ?? entity.metadata.name };
}

/** Typed text as a full ref, completed with the field's default kind and namespace; undefined when it cannot be one. */
export function completeRef(text: string, context: { defaultKind?: string; defaultNamespace?: string }): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(text.trim(), context));
  } catch {
    return undefined;
  }
}

function EntityAutocomplete(props: FieldProps & { filters: CatalogFilter[]; defaultKindFallback?: string }) {
  const { formData, onChange, fieldPathId, rawErrors, required, disabled, readonly, autofocus, filters, defaultKindFallback } = props;
  const { label: fieldLabel, description, options } = fieldText(props);
  const defaultKind = typeof options.defaultKind === 'string' ? options.defaultKind : defaultKindFallback;
  const defaultNamespace = typeof options.defaultNamespace === 'string' ? options.defaultNamespace : undefined;
  // Backstage's default: a ref typed by hand is accepted unless the template says otherwise.
  const allowArbitraryValues = options.allowArbitraryValues !== false;
  const value = typeof formData === 'string' && formData ? formData : null;

  const [text, setText] = useState('');
  const search = useDebounced(text, 250);
  const query = useQuery({
    queryKey: ['scaffolder-entity-picker', filters, search],
    queryFn: () => findEntities(filters, search),
    placeholderData: keepPreviousData,
  });
  // Every option seen so far, so the chosen one keeps its title when the next search no longer lists it.
  const seen = useRef(new Map<string, string>()).current;
  for (const option of (query.data ?? []).map(toOption)) seen.set(option.ref, option.title);
  const label = (ref: string) => (seen.has(ref) ? `${seen.get(ref)} (${humanizeRef(ref, { defaultKind })})` : ref);
  const change = (next: string | undefined) => onChange(next, fieldPathId.path);

  return (
    <Autocomplete<string, false, false, boolean>
      id={fieldPathId.$id}
      value={value}
      options={(query.data ?? []).map((entity) => stringifyEntityRef(entity))}
      freeSolo={allowArbitraryValues}
      autoSelect={allowArbitraryValues}
      disabled={disabled || readonly}
      loading={query.isFetching}
      filterOptions={(refs) => refs}
      getOptionLabel={label}
      onInputChange={(_event, input, reason) => reason === 'input' && setText(input)}
      onChange={(_event, next) => {
        if (!next) return change(undefined);
        // A chosen option is already a full ref. Free text is either an option's label (autoSelect on blur)
        // or a ref typed by hand, completed with defaultKind/defaultNamespace as Backstage does.
        const chosen = seen.has(next) ? next : [...seen.keys()].find((ref) => label(ref) === next);
        change(chosen ?? completeRef(next, { defaultKind, defaultNamespace }) ?? next);
      }}
      renderOption={({ key, ...optionProps }, ref) => (
        <Box component="li" key={key} {...optionProps}>
          <Box>
            <Typography variant="body2">{seen.get(ref) ?? ref}</Typography>
            <Typography variant="caption" color="text.secondary">
              {ref}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={fieldLabel}
          required={required}
          error={Boolean(rawErrors?.length)}
          helperText={description}
          autoFocus={autofocus}
        />
      )}
    />
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
