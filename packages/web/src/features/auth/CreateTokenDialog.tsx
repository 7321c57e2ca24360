import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { createToken, tokensKey, type CreatedToken } from './api';
import { EXPIRY_DAYS, TOKEN_SCOPES } from './tokenScopes';

/** Name, scopes and lifetime of a new personal access token. */
export function CreateTokenDialog({ onClose, onCreated }: { onClose(): void; onCreated(token: CreatedToken): void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['catalog:read']);
  const [expiresInDays, setExpiresInDays] = useState(30);
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation({
    mutationFn: () => createToken({ name: name.trim(), scopes, expiresInDays }),
    onSuccess: async (token) => {
      await client.invalidateQueries({ queryKey: tokensKey });
      onCreated(token);
    },
  });
  const nameProblem = name.trim() ? undefined : 'Give the token a name, e.g. the job that uses it';
  const scopesProblem = scopes.length ? undefined : 'Choose at least one scope';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!nameProblem && !scopesProblem) create.mutate();
  };
  const toggle = (scope: string, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  return (
    <Dialog open onClose={onClose} aria-labelledby="create-token-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="create-token-title">Create a personal access token</DialogTitle>
        <DialogContent>
          <Stack spacing={3} sx={{ pt: 1 }}>
            <TextField
              label="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={submitted && Boolean(nameProblem)}
              helperText={submitted ? nameProblem : undefined}
              slotProps={{ htmlInput: { maxLength: 100 } }}
              autoFocus
              required
            />
            <FormControl component="fieldset" error={submitted && Boolean(scopesProblem)}>
              <FormLabel component="legend">Scopes</FormLabel>
              <FormGroup>
                {TOKEN_SCOPES.map(({ scope, label }) => (
                  <FormControlLabel
                    key={scope}
                    control={<Checkbox checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />}
                    label={`${label} (${scope})`}
                  />
                ))}
              </FormGroup>
              {submitted && scopesProblem && <FormHelperText>{scopesProblem}</FormHelperText>}
            </FormControl>
            <TextField select label="Expires after" value={expiresInDays} onChange={(e) => setExpiresInDays(Number(e.target.value))}>
              {EXPIRY_DAYS.map((days) => (
                <MenuItem key={days} value={days}>
                  {days} days
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          {create.error && <ErrorPanel title="The token could not be created" error={create.error} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
