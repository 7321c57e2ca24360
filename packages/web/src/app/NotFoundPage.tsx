import { Button } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { EmptyState } from '../components/EmptyState';

export function NotFoundPage() {
  return (
    <EmptyState title="There is no page at this address">
      <p>The link may be out of date.</p>
      <Button component={RouterLink} to="/" variant="outlined">
        Go to the home page
      </Button>
    </EmptyState>
  );
}
