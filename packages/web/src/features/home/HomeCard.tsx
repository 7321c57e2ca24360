import { Paper, Typography } from '@mui/material';
import { useId, type ReactNode } from 'react';

/** A titled section of the home page; its heading names it for screen readers. */
export function HomeCard({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography id={headingId} variant="h2" sx={{ fontSize: '1.15rem', fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}
