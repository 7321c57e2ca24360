import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, AlertTitle, Box, Button, Stack } from '@mui/material';
import { useState } from 'react';
import type { CreatedToken } from './api';

/** The new token's secret, shown once: the server keeps only a hash of it. */
export function NewTokenNotice({ token, onDismiss }: { token: CreatedToken; onDismiss(): void }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // Clipboard access needs a secure context and permission; the text stays selectable.
      setCopied('failed');
    }
  };
  return (
    <Alert severity="warning" sx={{ mb: 2 }} onClose={onDismiss}>
      <AlertTitle>Copy your new token “{token.name}” now</AlertTitle>
      It will not be shown again. Store it like a password.
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
        <Box
          component="code"
          aria-label="New token"
          sx={{ p: 1, bgcolor: 'background.paper', borderRadius: 1, wordBreak: 'break-all', userSelect: 'all', flexGrow: 1 }}
        >
          {token.token}
        </Box>
        <Button variant="outlined" size="small" startIcon={<ContentCopyIcon />} onClick={copy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </Stack>
      {copied === 'failed' && <Box sx={{ mt: 1 }}>The browser refused the clipboard; select the token and copy it by hand.</Box>}
    </Alert>
  );
}
