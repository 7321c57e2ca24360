import { Autocomplete, Chip, TextField } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import { getTagSuggestions } from '../api';
import { fieldText } from './fieldText';

/** Catalog tags: lowercase words joined by '-', at most 63 characters (the model's rule for metadata.tags). */
const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

export function tagsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const bad = value.find((tag) => typeof tag !== 'string' || tag.length > 63 || !TAG.test(tag));
  return bad === undefined ? undefined : `"${String(bad)}" is not a valid tag: use lowercase letters, digits and '-'`;
}

/** Tags as chips; existing catalog tags are suggested, any new tag can be typed (Enter adds it). */
export function EntityTagsPicker(props: FieldProps) {
  const { formData, onChange, fieldPathId, rawErrors, required, disabled, readonly } = props;
  const { label, description, options } = fieldText(props);
  const kinds = Array.isArray(options.kinds) ? options.kinds.map(String) : undefined;
  const suggestions = useQuery({ queryKey: ['scaffolder-tags', kinds], queryFn: () => getTagSuggestions(kinds) });
  const value = Array.isArray(formData) ? formData.map(String) : [];
  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      id={fieldPathId.$id}
      value={value}
      options={suggestions.data ?? []}
      disabled={disabled || readonly}
      onChange={(_event, next) => {
        // Typed tags are normalised the way people expect: trimmed, lower case, no duplicates.
        const tags = [...new Set(next.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
        onChange(tags, fieldPathId.path);
      }}
      renderValue={(tags, getItemProps) =>
        tags.map((tag, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} label={tag} size="small" {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required={required && value.length === 0}
          error={Boolean(rawErrors?.length)}
          helperText={(options.helperText as string | undefined) ?? description ?? 'Type a tag and press Enter'}
        />
      )}
    />
  );
}
