import { Box, List, ListItemButton, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { DryRunResult as Result } from '../api';
import { TaskOutput } from '../tasks/TaskOutput';
import { fromBase64 } from './templateFiles';

/** What a dry run produced: the workspace's files (pick one to read it), the log, and the template's output. */
export function DryRunResult({ result }: { result: Result }) {
  const files = [...result.directoryContents].sort((a, b) => a.path.localeCompare(b.path));
  const [selected, setSelected] = useState(files[0]?.path);
  const file = files.find((f) => f.path === selected);
  const text = file && fromBase64(file.base64Content);
  const stepNames = new Map(result.steps.map((s) => [s.id, s.name ?? s.action ?? s.id]));
  const log = result.log
    .filter((event) => event.body.message)
    .map((event) => `${event.body.stepId ? `[${stepNames.get(event.body.stepId) ?? event.body.stepId}] ` : ''}${event.body.message}`);

  return (
    <Stack spacing={2} component="section" aria-label="Dry run result">
      <Typography variant="h6" component="h2">
        Dry run result
      </Typography>
      {result.output && <TaskOutput output={result.output} />}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '260px 1fr' }, gap: 2 }}>
        <Paper variant="outlined">
          {files.length === 0 ? (
            <Typography variant="body2" sx={{ p: 2 }} color="text.secondary">
              The template produced no files.
            </Typography>
          ) : (
            <List dense aria-label="Produced files">
              {files.map((f) => (
                <ListItemButton key={f.path} selected={f.path === selected} onClick={() => setSelected(f.path)}>
                  <ListItemText
                    primary={f.path}
                    secondary={f.executable ? 'executable' : undefined}
                    slotProps={{ primary: { sx: { fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all' } } }}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Paper>
        {file && (
          <Box
            component="pre"
            aria-label={`Content of ${file.path}`}
            sx={{
              m: 0,
              p: 1.5,
              bgcolor: 'action.hover',
              borderRadius: 1,
              overflow: 'auto',
              maxHeight: 480,
              fontSize: 13,
              whiteSpace: 'pre-wrap',
            }}
          >
            {text ?? 'This file is not text and cannot be shown here.'}
          </Box>
        )}
      </Box>
      <Typography variant="subtitle2" component="h3">
        Log
      </Typography>
      <Box
        component="pre"
        role="log"
        aria-label="Dry run log"
        sx={{
          m: 0,
          p: 1.5,
          bgcolor: 'action.hover',
          borderRadius: 1,
          overflow: 'auto',
          maxHeight: 320,
          fontSize: 13,
          whiteSpace: 'pre-wrap',
        }}
      >
        {log.join('\n') || 'Nothing was logged.'}
      </Box>
    </Stack>
  );
}
