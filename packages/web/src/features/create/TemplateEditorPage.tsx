import { Alert, Paper, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageTitle } from '../../components/PageTitle';
import { dryRun, type JsonObject } from './api';
import { CreateTabs } from './CreateTabs';
import { DryRunResult } from './editor/DryRunResult';
import { FileEditor } from './editor/FileEditor';
import { LoadTemplate } from './editor/LoadTemplate';
import { parseTemplate, STARTER_FILES, TEMPLATE_FILE, toDirectoryContents, type EditorFile } from './editor/templateFiles';
import { Wizard } from './wizard/Wizard';

/**
 * Write a template in the browser: its YAML and files, the form it makes (live), and a dry run
 * that shows the files and log it would produce without publishing or registering anything.
 */
export default function TemplateEditorPage() {
  const [files, setFiles] = useState<EditorFile[]>(STARTER_FILES);
  const [loadedRef, setLoadedRef] = useState<string | undefined>();
  const yaml = files.find((f) => f.path === TEMPLATE_FILE)?.content ?? '';
  const parsed = useMemo(() => parseTemplate(yaml), [yaml]);
  const run = useMutation({ mutationFn: dryRun });

  const dryRunWith = ({ values, secrets }: { values: JsonObject; secrets: Record<string, string> }) => {
    if (!parsed.template) return;
    run.mutate({ template: parsed.template, values, secrets, directoryContents: toDirectoryContents(files) });
  };

  return (
    <>
      <CreateTabs />
      <PageTitle
        title="Template editor"
        subtitle="Edit a template and its files, fill in its form, and dry-run it. Nothing is published."
      />
      <Stack spacing={3}>
        <LoadTemplate
          onLoad={(loaded, ref) => {
            setFiles([{ path: TEMPLATE_FILE, content: loaded }]);
            setLoadedRef(ref);
            run.reset();
          }}
        />
        {loadedRef && (
          <Alert severity="info">
            Loaded {loadedRef}. Only its YAML comes from the catalog: files next to it (a skeleton, say) are not fetched, so add the ones
            its steps read before a dry run.
          </Alert>
        )}
        <FileEditor files={files} onChange={setFiles} />
        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Form preview">
          <Typography variant="h6" component="h2" gutterBottom>
            Form preview
          </Typography>
          {parsed.error ? (
            <Alert severity="warning">{parsed.error}</Alert>
          ) : (
            <Wizard
              // A new form whenever the parameters change, so the preview always matches the YAML.
              key={JSON.stringify(parsed.steps)}
              steps={parsed.steps}
              finishLabel="Dry run"
              finishing={run.isPending}
              onFinish={dryRunWith}
            />
          )}
        </Paper>
        {run.error && <ErrorPanel title="The dry run failed" error={run.error} />}
        {run.data && <DryRunResult result={run.data} />}
      </Stack>
    </>
  );
}
