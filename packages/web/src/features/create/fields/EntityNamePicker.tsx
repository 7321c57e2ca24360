import { TextField } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { fieldText } from './fieldText';

/** A name for a new entity: lowercase letters, digits and single separators, at most 63 characters, as Kubernetes-style names go. */
const ENTITY_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
const MAX_LENGTH = 63;

export function entityNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.length > MAX_LENGTH) return `Must be at most ${MAX_LENGTH} characters`;
  if (!ENTITY_NAME.test(value)) {
    return "Must be lowercase letters and digits, separated by single '-', '_' or '.', starting and ending with a letter or digit";
  }
  return undefined;
}

export function EntityNamePicker(props: FieldProps) {
  const { formData, onChange, fieldPathId, rawErrors, required, disabled, readonly, autofocus } = props;
  const { label, description } = fieldText(props);
  return (
    <TextField
      id={fieldPathId.$id}
      label={label}
      value={typeof formData === 'string' ? formData : ''}
      onChange={(event) => onChange(event.target.value || undefined, fieldPathId.path)}
      required={required}
      disabled={disabled}
      autoFocus={autofocus}
      error={Boolean(rawErrors?.length)}
      helperText={description ?? 'Unique name of the component'}
      slotProps={{ htmlInput: { readOnly: readonly } }}
    />
  );
}
