import { Box, Paper } from '@mui/material';
import { stringify } from 'yaml';
import type { EntityContentProps } from '../../app/extensions';

/** The entity as the catalog serves it, relations and status included. Text only: nothing in it is interpreted. */
export default function RawYamlTab({ entity }: EntityContentProps) {
  return (
    <Paper variant="outlined" sx={{ p: 2, overflow: 'auto' }}>
      <Box component="pre" aria-label="Entity as YAML" sx={{ m: 0, fontSize: 13, fontFamily: 'ui-monospace, monospace' }}>
        {stringify(entity)}
      </Box>
    </Paper>
  );
}
