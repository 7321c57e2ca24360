import { Alert, AlertTitle } from '@mui/material';

/** A readable error in place of the content that failed; never a blank page. */
export function ErrorPanel({ title, error }: { title: string; error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert severity="error" role="alert" sx={{ my: 2 }}>
      <AlertTitle>{title}</AlertTitle>
      {message}
    </Alert>
  );
}
