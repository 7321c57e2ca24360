import type { SerializedTask, StepStatus, TaskError, TaskEvent, TaskOutput, TaskStatus, TaskStep } from '../api';

// What the task page shows, from the task as last fetched plus the events streamed since:
// the stream is live, the fetched task has the final word on what it already knows.

export interface LogLine {
  id: number;
  createdAt: string;
  message: string;
}

export interface StepView {
  id: string;
  name: string;
  action?: string;
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  log: LogLine[];
}

export interface TaskView {
  status: TaskStatus;
  steps: StepView[];
  /** Lines that belong to no step (the task starting, finishing). */
  taskLog: LogLine[];
  output?: TaskOutput;
  error?: string;
}

const FINAL_STEP: StepStatus[] = ['completed', 'failed', 'skipped', 'cancelled'];
const FINAL_TASK: TaskStatus[] = ['completed', 'failed', 'cancelled'];
const STEP_STATUSES: StepStatus[] = ['open', 'processing', ...FINAL_STEP];

export const isFinished = (status: TaskStatus) => FINAL_TASK.includes(status);

export function errorMessage(error: TaskError | undefined): string | undefined {
  if (!error) return undefined;
  return typeof error === 'string' ? error : (error.message ?? error.name);
}

export function taskView(task: SerializedTask, events: TaskEvent[]): TaskView {
  const declared: TaskStep[] = task.steps ?? task.spec.steps ?? [];
  const steps = new Map<string, StepView>(
    declared.map((step) => [
      step.id,
      {
        id: step.id,
        name: step.name || step.action || step.id,
        action: step.action,
        status: step.status ?? 'open',
        startedAt: step.startedAt,
        endedAt: step.endedAt,
        log: [],
      },
    ]),
  );
  const taskLog: LogLine[] = [];
  let completion: TaskEvent | undefined;

  // A retried task runs again under its id: only the events from the last retry on are the current run.
  const lastRetry = events.findLastIndex((event) => event.body.status === 'retried');
  for (const event of lastRetry === -1 ? events : events.slice(lastRetry)) {
    if (event.type === 'completion') completion = event;
    const { stepId, status, message } = event.body;
    const line = { id: event.id, createdAt: event.createdAt, message: message ?? '' };
    const step = stepId ? steps.get(stepId) : undefined;
    if (!step) {
      if (message) taskLog.push(line);
      continue;
    }
    if (message) step.log.push(line);
    if (isStepStatus(status) && !FINAL_STEP.includes(step.status)) {
      if (status === 'processing') step.startedAt ??= event.createdAt;
      if (FINAL_STEP.includes(status)) step.endedAt ??= event.createdAt;
      step.status = status;
    }
  }

  const completionStatus = completion?.body.status as TaskStatus | undefined;
  const status: TaskStatus = isFinished(task.status) ? task.status : (completionStatus ?? task.status);
  if (isFinished(status)) {
    for (const step of steps.values()) {
      // A step the task never reached did not run; one still running when it ended stopped with it.
      if (step.status === 'open') step.status = 'skipped';
      else if (step.status === 'processing') step.status = status as StepStatus;
    }
  }
  return {
    status,
    steps: [...steps.values()],
    taskLog,
    output: task.output ?? completion?.body.output,
    error: status === 'failed' ? (errorMessage(task.error) ?? errorMessage(completion?.body.error) ?? completion?.body.message) : undefined,
  };
}

function isStepStatus(value: unknown): value is StepStatus {
  return typeof value === 'string' && (STEP_STATUSES as string[]).includes(value);
}

/** `850 ms`, `12 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
