import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Button, IconButton, List, ListItem, ListItemButton, ListItemText, Paper, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { pathProblem, TEMPLATE_FILE, type EditorFile } from './templateFiles';

/** The template's files: a list to add, rename and delete them, and a plain-text editor for the one selected. */
export function FileEditor({ files, onChange }: { files: EditorFile[]; onChange(files: EditorFile[]): void }) {
  const [selected, setSelected] = useState(TEMPLATE_FILE);
  const [naming, setNaming] = useState<{ from?: string; path: string } | undefined>();
  const current = files.find((f) => f.path === selected) ?? files[0];
  const problem =
    naming && naming.path !== naming.from
      ? pathProblem(
          naming.path,
          files.map((f) => f.path),
        )
      : undefined;

  const saveName = () => {
    if (!naming || problem) return;
    if (naming.from) onChange(files.map((f) => (f.path === naming.from ? { ...f, path: naming.path } : f)));
    else onChange([...files, { path: naming.path, content: '' }]);
    setSelected(naming.path);
    setNaming(undefined);
  };
  const remove = (path: string) => {
    onChange(files.filter((f) => f.path !== path));
    if (selected === path) setSelected(TEMPLATE_FILE);
  };

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '220px 1fr' }, gap: 2 }}>
      <Paper variant="outlined">
        <List dense aria-label="Files">
          {files.map((file) => (
            <ListItem
              key={file.path}
              disablePadding
              secondaryAction={
                file.path !== TEMPLATE_FILE && (
                  <>
                    <IconButton
                      size="small"
                      aria-label={`Rename ${file.path}`}
                      onClick={() => setNaming({ from: file.path, path: file.path })}
                    >
                      <EditIcon fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={`Delete ${file.path}`} onClick={() => remove(file.path)}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </>
                )
              }
            >
              <ListItemButton selected={file.path === current?.path} onClick={() => setSelected(file.path)}>
                <ListItemText
                  primary={file.path}
                  slotProps={{ primary: { sx: { fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all' } } }}
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
        <Box sx={{ p: 1 }}>
          {naming ? (
            <Stack spacing={1}>
              <TextField
                size="small"
                autoFocus
                label={naming.from ? `New path of ${naming.from}` : 'Path of the new file'}
                value={naming.path}
                onChange={(event) => setNaming({ ...naming, path: event.target.value.trim() })}
                onKeyDown={(event) => event.key === 'Enter' && saveName()}
                error={Boolean(problem)}
                helperText={problem}
              />
              <Stack direction="row" spacing={1}>
                <Button size="small" variant="contained" onClick={saveName} disabled={!naming.path || Boolean(problem)}>
                  {naming.from ? 'Rename' : 'Add'}
                </Button>
                <Button size="small" onClick={() => setNaming(undefined)}>
                  Cancel
                </Button>
              </Stack>
            </Stack>
          ) : (
            <Button size="small" onClick={() => setNaming({ path: 'skeleton/' })}>
              Add file
            </Button>
          )}
        </Box>
      </Paper>
      {current && (
        <TextField
          label={current.path}
          multiline
          minRows={18}
          maxRows={40}
          value={current.content}
          onChange={(event) => onChange(files.map((f) => (f.path === current.path ? { ...f, content: event.target.value } : f)))}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
        />
      )}
    </Box>
  );
}
