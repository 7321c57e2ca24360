import { Card, CardContent, CardHeader } from '@mui/material';
import { useId, type ReactNode } from 'react';

/** A titled card on the entity page; the title is a heading that also names the card's region. */
export function InfoCard({
  title,
  subheader,
  action,
  children,
}: {
  title: string;
  subheader?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card component="section" aria-labelledby={titleId} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardHeader
        title={title}
        subheader={subheader}
        action={action}
        slotProps={{ title: { id: titleId, component: 'h2', variant: 'h6' } }}
        sx={{ pb: 0, '& .MuiCardHeader-action': { alignSelf: 'center', m: 0 } }}
      />
      <CardContent sx={{ flexGrow: 1, minWidth: 0 }}>{children}</CardContent>
    </Card>
  );
}
