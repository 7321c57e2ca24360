import { TextField } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { fieldText } from './fieldText';

/** `ui:field: Secret`: a write-only input; the wizard sends its value as a task secret, never as a parameter. */
export function SecretField(props: FieldProps) {
  const { formData, onChange, fieldPathId, rawErrors, required, disabled, readonly, autofocus } = props;
  const { label, description } = fieldText(props);
  return (
    <TextField
      id={fieldPathId.$id}
      type="password"
      autoComplete="new-password"
      label={label}
      value={typeof formData === 'string' ? formData : ''}
      onChange={(event) => onChange(event.target.value || undefined, fieldPathId.path)}
      required={required}
      disabled={disabled}
      autoFocus={autofocus}
      error={Boolean(rawErrors?.length)}
      helperText={description}
      slotProps={{ htmlInput: { readOnly: readonly } }}
    />
  );
}
