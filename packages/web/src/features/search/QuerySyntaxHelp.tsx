import { Box, Paper, Typography } from '@mui/material';

const FILTERS: Array<{ example: string; meaning: string }> = [
  { example: 'owner:team-payments', meaning: 'owned by the group team-payments' },
  { example: 'kind:api', meaning: 'only APIs (also component, system, resource, group…)' },
  { example: 'type:service', meaning: 'of this spec.type' },
  { example: 'lifecycle:production', meaning: 'in this lifecycle' },
  { example: 'tag:java', meaning: 'tagged java' },
  { example: 'system:checkout', meaning: 'part of the checkout system' },
  { example: 'dependsOn:component:orders', meaning: 'depends on the component orders' },
  { example: 'dependencyOf:component:orders', meaning: 'what the component orders depends on' },
  { example: 'consumes:api:orders-api', meaning: 'consumes the orders-api API' },
  { example: 'providedBy:component:orders', meaning: 'APIs the component orders provides' },
];

/** How to write a query: free words plus `key:value` filters, which combine with AND. */
export function QuerySyntaxHelp() {
  return (
    <Paper variant="outlined" component="aside" aria-labelledby="query-syntax-title" sx={{ p: 2 }}>
      <Typography id="query-syntax-title" variant="h6" component="h2" gutterBottom>
        Query syntax
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Type words to match names, titles and text. Add filters as <code>key:value</code>; they combine with each other and with the words,
        e.g. <code>kind:component consumes:api:orders-api owner:team-payments</code>. A value is an entity ref: the kind and the
        <code> default</code> namespace may be left out.
      </Typography>
      <Box
        component="dl"
        sx={{
          m: 0,
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: 'auto 1fr', lg: '1fr' },
          columnGap: 2,
          rowGap: 0.25,
          fontSize: 14,
        }}
      >
        {FILTERS.map((filter) => (
          <Box key={filter.example} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ fontFamily: 'monospace' }}>
              {filter.example}
            </Box>
            <Box component="dd" sx={{ m: 0, color: 'text.secondary' }}>
              {filter.meaning}
            </Box>
          </Box>
        ))}
      </Box>
    </Paper>
  );
}
