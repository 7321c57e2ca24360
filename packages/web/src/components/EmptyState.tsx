import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box sx={{ py: 6, px: 2, textAlign: 'center' }} role="status">
      <Typography variant="h6" component="p" gutterBottom>
        {title}
      </Typography>
      {children && <Box sx={{ color: 'text.secondary' }}>{children}</Box>}
    </Box>
  );
}
