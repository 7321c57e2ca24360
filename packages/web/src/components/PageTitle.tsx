import { Box, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';

/** The page's heading, also shown in the browser tab as "<title> · Greenroom". */
export function PageTitle({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Greenroom`;
    return () => {
      document.title = 'Greenroom';
    };
  }, [title]);
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 3, flexWrap: 'wrap' }}>
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <Typography variant="h1">{title}</Typography>
        {subtitle && <Box sx={{ color: 'text.secondary', mt: 0.5 }}>{subtitle}</Box>}
      </Box>
      {actions}
    </Box>
  );
}
