import AddIcon from '@mui/icons-material/Add';
import {
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { revokeToken, tokensKey, useTokens, type AccessToken, type CreatedToken } from './api';
import { CreateTokenDialog } from './CreateTokenDialog';
import { NewTokenNotice } from './NewTokenNotice';

const day = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString() : 'Never');

/** Personal access tokens: for scripts and CI, sent as `Authorization: Bearer …`. */
export function TokensCard() {
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken>();
  const [revoking, setRevoking] = useState<AccessToken>();

  return (
    <Card component="section" aria-labelledby="tokens-title">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography id="tokens-title" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            Personal access tokens
          </Typography>
          <Button startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            Create token
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Scripts and CI jobs send a token as <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, limited to its scopes,
          until it expires or you revoke it.
        </Typography>
        {created && <NewTokenNotice token={created} onDismiss={() => setCreated(undefined)} />}
        {tokens.isLoading && <Loading label="Loading your tokens" />}
        {tokens.error && <ErrorPanel title="Your tokens could not be loaded" error={tokens.error} />}
        {tokens.data &&
          (tokens.data.items.length === 0 ? (
            <Typography>You have no tokens.</Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-label="Your tokens">
                <TableHead>
                  <TableRow>
                    <TableCell>Name</TableCell>
                    <TableCell>Scopes</TableCell>
                    <TableCell>Created</TableCell>
                    <TableCell>Expires</TableCell>
                    <TableCell>Last used</TableCell>
                    <TableCell aria-label="Actions" />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {tokens.data.items.map((token) => (
                    <TableRow key={token.id}>
                      <TableCell>{token.name}</TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                          {token.scopes.map((scope) => (
                            <Chip key={scope} label={scope} size="small" />
                          ))}
                        </Stack>
                      </TableCell>
                      <TableCell>{day(token.createdAt)}</TableCell>
                      <TableCell>{day(token.expiresAt)}</TableCell>
                      <TableCell>{day(token.lastUsedAt)}</TableCell>
                      <TableCell align="right">
                        <Button color="error" size="small" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                          Revoke
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          ))}
      </CardContent>
      {creating && (
        <CreateTokenDialog
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(undefined)} />}
    </Card>
  );
}

function RevokeDialog({ token, onClose }: { token: AccessToken; onClose(): void }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeToken(token.id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: tokensKey });
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="revoke-title">
      <DialogTitle id="revoke-title">Revoke “{token.name}”?</DialogTitle>
      <DialogContent>
        <DialogContentText>Anything still using this token is refused from now on. This cannot be undone.</DialogContentText>
        {revoke.error && <ErrorPanel title="The token could not be revoked" error={revoke.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color="error" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          {revoke.isPending ? 'Revoking…' : 'Revoke token'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
