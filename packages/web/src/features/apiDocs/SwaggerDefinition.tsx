import { Box } from '@mui/material';
import SwaggerUI from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';

/**
 * The interactive OpenAPI reference, in its own chunk with its stylesheet so only this tab loads it.
 * swagger-ui is styled for a light page, so it always sits on white, dark theme or not. "Try it out"
 * is off: a definition from any repository could otherwise aim requests carrying the reader's
 * session at servers of its choosing, the portal included.
 */
export default function SwaggerDefinition({ definition }: { definition: string }) {
  return (
    <Box
      aria-label="OpenAPI reference"
      role="region"
      sx={{ bgcolor: '#fff', color: '#3b4151', colorScheme: 'light', borderRadius: 1, border: 1, borderColor: 'divider', py: 1 }}
    >
      <SwaggerUI spec={definition} supportedSubmitMethods={[]} deepLinking={false} docExpansion="list" defaultModelsExpandDepth={0} />
    </Box>
  );
}
