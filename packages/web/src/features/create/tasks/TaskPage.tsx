import { Alert, AlertTitle, Box, Button, List, ListItemButton, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { parseEntityRef } from '@greenroom/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { DeniedTooltip } from '../../../permissions/DeniedTooltip';
import { permissionReason, usePermission } from '../../../permissions/usePermission';
import { cancelTask, getTask, retryTask, type SerializedTask } from '../api';
import { CreateTabs } from '../CreateTabs';
import { StatusChip } from './StatusChip';
import { TaskOutput } from './TaskOutput';
import { formatDuration, isFinished, taskView, type LogLine, type StepView } from './taskView';
import { useTaskEvents } from './useTaskEvents';

/** One run of a template: its steps with their state, time and live log, then its output or error. */
export default function TaskPage() {
  const { taskId = '' } = useParams();
  const client = useQueryClient();
  const task = useQuery({ queryKey: ['scaffolder-task', taskId], queryFn: () => getTask(taskId) });
  // Counts retries made here: each one follows the task's events again.
  const [run, setRun] = useState(0);
  const { events, completed } = useTaskEvents(taskId, run);
  // The completion event carries the outcome; the task read afterwards has the final step times and output.
  useEffect(() => {
    if (completed) void client.invalidateQueries({ queryKey: ['scaffolder-task', taskId] });
  }, [completed, client, taskId]);

  if (task.error) return <ErrorPanel title="The task could not be loaded" error={task.error} />;
  if (!task.data) return <Loading label="Loading the task" />;
  return <TaskDetails task={task.data} events={events} onRetried={() => setRun((n) => n + 1)} />;
}

function TaskDetails({ task, events, onRetried }: { task: SerializedTask; events: Parameters<typeof taskView>[1]; onRetried(): void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const view = taskView(task, events);
  const running = !isFinished(view.status);
  const now = useNow(running);
  const [chosen, setChosen] = useState<string | undefined>();
  // Until the user picks a step, the log follows the step that is running (or the one that failed).
  const following =
    view.steps.find((s) => s.status === 'processing') ??
    view.steps.find((s) => s.status === 'failed') ??
    view.steps.findLast((s) => s.status === 'completed');
  const selected = view.steps.find((s) => s.id === chosen) ?? following;

  const cancel = useMutation({
    mutationFn: () => cancelTask(task.id),
    onSettled: () => client.invalidateQueries({ queryKey: ['scaffolder-task', task.id] }),
  });
  const template = task.spec.templateInfo;
  const retryable = (view.status === 'failed' || view.status === 'cancelled') && Boolean(template?.entityRef);
  const mayRetry = usePermission('scaffolder.task.create', template?.entityRef);
  const retryDenied = permissionReason(mayRetry, 'You may not run this template, so you cannot retry its task');
  const retry = useMutation({
    mutationFn: () => retryTask(task.id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['scaffolder-task', task.id] });
      onRetried();
    },
  });
  const title = template?.entity?.metadata?.title ?? template?.entity?.metadata?.name ?? template?.entityRef ?? 'Task';
  const startOver = () => {
    if (!template?.entityRef) return;
    const ref = parseEntityRef(template.entityRef);
    const formData = encodeURIComponent(JSON.stringify(task.spec.parameters ?? {}));
    navigate(`/create/templates/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}?formData=${formData}`);
  };

  return (
    <>
      <CreateTabs />
      <PageTitle
        title={`Run of ${title}`}
        subtitle={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <StatusChip status={view.status} />
            <span>
              Task {task.id} · started {new Date(task.createdAt).toLocaleString()}
            </span>
          </Stack>
        }
        actions={
          <Stack direction="row" spacing={1}>
            {running && (
              <Button color="warning" variant="outlined" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                Cancel
              </Button>
            )}
            {retryable && (
              <DeniedTooltip reason={retryDenied}>
                <Button variant="contained" onClick={() => retry.mutate()} disabled={retry.isPending || Boolean(retryDenied)}>
                  Retry
                </Button>
              </DeniedTooltip>
            )}
            {!running && template?.entityRef && (
              <Button variant="outlined" onClick={startOver}>
                Start over
              </Button>
            )}
          </Stack>
        }
      />
      {cancel.error && <ErrorPanel title="The task could not be cancelled" error={cancel.error} />}
      {retry.error && <ErrorPanel title="The task could not be retried" error={retry.error} />}
      {view.status === 'failed' && (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>The task failed</AlertTitle>
          {view.error ?? 'No reason was given.'}
        </Alert>
      )}
      {view.status === 'completed' && view.output && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
          <TaskOutput output={view.output} />
        </Paper>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '320px 1fr' }, gap: 2 }}>
        <Paper variant="outlined">
          <List aria-label="Steps" dense>
            {view.steps.map((step) => (
              <ListItemButton key={step.id} selected={step.id === selected?.id} onClick={() => setChosen(step.id)}>
                <ListItemText
                  primary={step.name}
                  secondary={<StepElapsed step={step} now={now} />}
                  slotProps={{ secondary: { component: 'div' } }}
                />
                <StatusChip status={step.status} />
              </ListItemButton>
            ))}
          </List>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h2" gutterBottom>
            {selected ? `Log of ${selected.name}` : 'Log'}
          </Typography>
          <LogView lines={selected ? selected.log : view.taskLog} label={selected ? `Log of ${selected.name}` : 'Task log'} />
        </Paper>
      </Box>
    </>
  );
}

function StepElapsed({ step, now }: { step: StepView; now: number }) {
  if (!step.startedAt) return <span>{step.action}</span>;
  const end = step.endedAt ? Date.parse(step.endedAt) : now;
  return (
    <span>
      {step.action} · {formatDuration(end - Date.parse(step.startedAt))}
    </span>
  );
}

function LogView({ lines, label }: { lines: LogLine[]; label: string }) {
  if (lines.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing logged yet.
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      role="log"
      aria-label={label}
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
      {lines.map((line) => `${new Date(line.createdAt).toLocaleTimeString()}  ${line.message}`).join('\n')}
    </Box>
  );
}

/** The current time, ticking each second while `active`, for the running step's elapsed time. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
