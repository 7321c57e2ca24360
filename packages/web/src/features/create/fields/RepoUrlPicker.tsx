import { MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { fieldText } from './fieldText';
import { parseRepoUrl, serializeRepoUrl, type RepoLocation } from './repoUrl';

const listOption = (value: unknown): string[] => (Array.isArray(value) ? value.map(String).filter(Boolean) : []);

/**
 * Host, owner and repository of a repository to create, stored as `host?owner=…&repo=…`.
 * A list in `allowedHosts` / `allowedOwners` / `allowedRepos` turns that part into a choice.
 */
export function RepoUrlPicker(props: FieldProps) {
  const { formData, onChange, fieldPathId, rawErrors, required, disabled, readonly } = props;
  const { label, description, options } = fieldText(props);
  const allowedHosts = listOption(options.allowedHosts);
  const allowedOwners = listOption(options.allowedOwners);
  const allowedRepos = listOption(options.allowedRepos);

  const [location, setLocation] = useState<RepoLocation>(() => {
    const parsed = parseRepoUrl(formData);
    return { ...parsed, host: parsed.host || allowedHosts[0] || '' };
  });
  // The parts live here while they are typed; the form holds their serialised form.
  const update = (part: Partial<RepoLocation>) => {
    const next = { ...location, ...part };
    setLocation(next);
    onChange(next.host || next.owner || next.repo ? serializeRepoUrl(next) : undefined, fieldPathId.path);
  };
  const error = Boolean(rawErrors?.length);
  const id = fieldPathId.$id;
  const part = (name: keyof RepoLocation, partLabel: string, allowed: string[], helper: string) => (
    <TextField
      id={`${id}-${name}`}
      select={allowed.length > 0}
      label={partLabel}
      value={location[name]}
      onChange={(event) => update({ [name]: event.target.value.trim() })}
      required={required}
      disabled={disabled}
      error={error && !location[name]}
      helperText={helper}
      slotProps={{ htmlInput: { readOnly: readonly } }}
    >
      {allowed.map((value) => (
        <MenuItem key={value} value={value}>
          {value}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Stack spacing={2} role="group" aria-labelledby={`${id}-label`} sx={{ mt: 1 }}>
      <Typography id={`${id}-label`} variant="subtitle1">
        {label}
        {required ? ' *' : ''}
      </Typography>
      {description && (
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      )}
      {part('host', 'Host', allowedHosts, 'The host where the repository will be created')}
      {part('owner', 'Owner', allowedOwners, 'The organisation, group or user that owns the repository')}
      {part('repo', 'Repository', allowedRepos, 'The name of the repository')}
    </Stack>
  );
}
