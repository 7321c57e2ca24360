import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../core/logger';
import type { TemplateAction } from './extensions';
import type { TaskEvents } from './TaskEvents';
import type { TaskSecrets } from './TaskSecrets';
import { StepFailedError, TaskCancelledError, TaskRunner, type TaskSpec } from './TaskRunner';
import type { StepState, TaskRow, TaskStore } from './TaskStore';

type FinishResult = Parameters<TaskStore['finish']>[2];

export const RESTARTED_MESSAGE = 'The server restarted while this task was running';
export const STALE_MESSAGE = 'The server running this task stopped sending heartbeats';

export interface TaskWorkerOptions {
  store: TaskStore;
  events: TaskEvents;
  actions: () => ReadonlyMap<string, TemplateAction>;
  secrets: TaskSecrets;
  logger: Logger;
  workspaceDir: string;
  concurrency: number;
  staleTaskSeconds: number;
  /** Stable across restarts of this server (its host and data directory). */
  serverId: string;
  pollIntervalMs?: number;
}

/** A server's identity for claims: the same on every run of one installation, different between replicas. */
export function serverIdFor(dataDir: string): string {
  return `${os.hostname()}:${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`;
}

/**
 * Claims open tasks (up to `concurrency` at a time) and runs them, each in its own workspace
 * that is removed afterwards. Heartbeats prove the worker alive and carry cancel requests
 * made on other replicas.
 */
export class TaskWorker {
  /** `<serverId>/<random>`: claims made by an earlier run of this server are recognisable. */
  readonly runId: string;
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private timer?: NodeJS.Timeout;
  private janitor?: NodeJS.Timeout;
  private stopped = false;
  private claiming = false;
  /** A wake arrived while claiming: the task it announced may have been created after the last look. */
  private claimAgain = false;

  constructor(private readonly options: TaskWorkerOptions) {
    this.runId = `${options.serverId}/${randomUUID()}`;
  }

  async start(): Promise<void> {
    await this.failAbandoned();
    this.janitor = setInterval(
      () => void this.failAbandoned().catch((error) => this.options.logger.error({ err: error }, 'scaffolder janitor failed')),
      30_000,
    ).unref();
    this.schedule(0);
  }

  /** Look for work now (a task was just created here) instead of at the next poll. */
  wake(): void {
    if (!this.stopped && this.timer) this.schedule(0);
  }

  /** Aborts a task this server runs; answers whether it ran here. */
  cancelLocal(taskId: string): boolean {
    const run = this.running.get(taskId);
    run?.abort.abort();
    return !!run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.janitor);
    for (const run of this.running.values()) run.abort.abort(new Error('server stopping'));
    await Promise.allSettled([...this.running.values()].map((run) => run.done));
  }

  private schedule(delayMs: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.claimAvailable(), delayMs);
    this.timer.unref();
  }

  private async claimAvailable(): Promise<void> {
    if (this.stopped) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = true;
    this.claimAgain = false;
    try {
      while (!this.stopped && this.running.size < this.options.concurrency) {
        const row = await this.options.store.claim(this.runId);
        if (!row) break;
        this.begin(row);
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'claiming scaffolder tasks failed');
    } finally {
      this.claiming = false;
      if (!this.stopped) this.schedule(this.claimAgain ? 0 : (this.options.pollIntervalMs ?? 1000));
    }
  }

  private begin(row: TaskRow) {
    const abort = new AbortController();
    const done = this.execute(row, abort)
      .catch((error) => this.options.logger.error({ err: error, taskId: row.id }, 'scaffolder task crashed'))
      .finally(() => {
        this.running.delete(row.id);
        this.wake();
      });
    this.running.set(row.id, { abort, done });
  }

  private async execute(row: TaskRow, abort: AbortController): Promise<void> {
    const { store, events } = this.options;
    const spec = JSON.parse(row.spec) as TaskSpec;
    const workspacePath = path.join(this.options.workspaceDir, row.id);
    const temporaryPath = `${workspacePath}.tmp`;
    let steps: StepState[] = JSON.parse(row.steps);
    const heartbeat = setInterval(() => {
      store.heartbeat(row.id, this.runId).then(
        ({ cancelRequested }) => cancelRequested && abort.abort(),
        (error) => this.options.logger.warn({ err: error, taskId: row.id }, 'scaffolder heartbeat failed'),
      );
    }, this.heartbeatMs()).unref();
    let result: FinishResult;
    try {
      // Decrypted here only, held in memory for the run; a key mismatch fails the task with its reason.
      const secrets = await this.options.secrets.open(row.id, row.secrets);
      await mkdir(workspacePath, { recursive: true });
      const run = await new TaskRunner(this.options.actions()).run(spec, {
        taskId: row.id,
        workspacePath,
        temporaryPath,
        secrets,
        isDryRun: false,
        signal: abort.signal,
        log: async (body) => {
          await events.append(row.id, 'log', body);
        },
        stepsChanged: async (changed) => {
          steps = changed;
          await store.saveSteps(row.id, changed);
        },
      });
      result = { status: 'completed', message: 'Run completed', output: run.output, steps };
    } catch (error) {
      result = this.failure(error, abort.signal.aborted, steps);
    } finally {
      clearInterval(heartbeat);
    }
    // Cleaned up before the task reads as ended, so an ended task never has a workspace left.
    await this.removeWorkspace(row.id);
    await this.finish(row.id, result);
  }

  private failure(error: unknown, aborted: boolean, steps: StepState[]): FinishResult {
    if (error instanceof TaskCancelledError || aborted) {
      if (!this.stopped) return { status: 'cancelled', message: 'The task was cancelled', steps };
      const message = 'The server stopped while this task was running';
      return { status: 'failed', message, error: { name: 'Error', message }, steps };
    }
    const cause = error as Error;
    const message = error instanceof StepFailedError ? `Step ${error.stepId} failed: ${cause.message}` : cause.message;
    return { status: 'failed', message, error: { name: errorName(error), message: cause.message }, steps };
  }

  private async removeWorkspace(taskId: string): Promise<void> {
    const workspacePath = path.join(this.options.workspaceDir, taskId);
    await Promise.all([rm(workspacePath, { recursive: true, force: true }), rm(`${workspacePath}.tmp`, { recursive: true, force: true })]);
  }

  private async finish(taskId: string, result: FinishResult) {
    const event = await this.options.store.finish(taskId, ['processing'], result);
    if (event) this.options.events.announce(taskId);
  }

  private heartbeatMs(): number {
    return Math.min(5_000, (this.options.staleTaskSeconds * 1000) / 4);
  }

  /** Fails tasks whose worker died: claimed by an earlier run of this server, or silent for too long. */
  private async failAbandoned(): Promise<void> {
    const staleBefore = new Date(Date.now() - this.options.staleTaskSeconds * 1000).toISOString();
    const abandoned = await this.options.store.abandoned({
      staleBefore,
      previousRunsOf: `${this.options.serverId}/`,
      currentRun: this.runId,
    });
    for (const row of abandoned) {
      const restarted = row.claimed_by?.startsWith(`${this.options.serverId}/`);
      const message = restarted ? RESTARTED_MESSAGE : STALE_MESSAGE;
      const steps = (JSON.parse(row.steps) as StepState[]).map((step) =>
        step.status === 'processing'
          ? { ...step, status: 'failed' as const }
          : step.status === 'open'
            ? { ...step, status: 'skipped' as const }
            : step,
      );
      const event = await this.options.store.finish(row.id, ['processing'], {
        status: 'failed',
        message,
        error: { name: 'Error', message },
        steps,
      });
      if (event) this.options.events.announce(row.id);
      // The previous run of this server cannot clean up after itself any more.
      if (restarted) await this.removeWorkspace(row.id);
    }
  }
}

function errorName(error: unknown): string {
  const cause = error instanceof StepFailedError ? error.cause : error;
  return cause instanceof Error ? cause.name : 'Error';
}
