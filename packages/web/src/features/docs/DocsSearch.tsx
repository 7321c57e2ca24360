import { Box, List, ListItemButton, ListItemText, Paper, TextField } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { apiFetch } from '../../api/http';

interface Result {
  document: { title: string; text: string; location: string };
}

/** Searches this entity's documentation only (`entity:<ref>` on the techdocs documents). */
export function DocsSearch({ entityRef }: { entityRef: string }) {
  const [term, setTerm] = useState('');
  const deferred = useDeferredValue(term.trim());
  const results = useQuery({
    queryKey: ['techdocs', 'search', entityRef, deferred],
    queryFn: () =>
      apiFetch<{ results: Result[] }>(
        `/api/search/query?${new URLSearchParams({ term: `${deferred} entity:${entityRef}`, 'types[]': 'techdocs', pageLimit: '8' })}`,
      ),
    enabled: deferred.length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <Box sx={{ position: 'relative', mb: 2 }}>
      <TextField size="small" fullWidth label="Search this documentation" value={term} onChange={(e) => setTerm(e.target.value)} />
      {deferred && results.data && (
        <Paper elevation={4} sx={{ position: 'absolute', zIndex: 10, left: 0, right: 0, mt: 0.5, maxHeight: 360, overflow: 'auto' }}>
          <List dense aria-label="Documentation search results">
            {results.data.results.length === 0 && <ListItemText sx={{ px: 2 }} primary="Nothing found in this documentation" />}
            {results.data.results.map((r) => (
              <ListItemButton key={r.document.location} component={RouterLink} to={r.document.location} onClick={() => setTerm('')}>
                <ListItemText primary={r.document.title} secondary={r.document.text.slice(0, 140)} />
              </ListItemButton>
            ))}
          </List>
        </Paper>
      )}
    </Box>
  );
}
