import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../core/errors';
import type { ActionContext, TemplateAction } from './extensions';
import type { StepState, TaskEventBody } from './TaskStore';
import { isTruthy, renderValue, Templater } from './templating/render';
import type { StepSpec } from './template';
import { validateAgainst } from './template';
import { resolveInWorkspace } from './workspace';

/** What a task runs: the spec stored with it, plus the secrets kept apart. */
export interface TaskSpec {
  apiVersion: string;
  templateInfo: { entityRef?: string; baseUrl?: string; entity?: { metadata?: Record<string, unknown> } };
  parameters: Record<string, unknown>;
  steps: StepSpec[];
  output?: Record<string, unknown>;
  user: { ref?: string; entity?: Record<string, unknown> };
}

export interface RunHooks {
  taskId: string;
  workspacePath: string;
  /** Where createTemporaryDirectory makes directories; the caller removes it with the workspace. */
  temporaryPath: string;
  secrets: Record<string, string>;
  isDryRun: boolean;
  signal: AbortSignal;
  log(body: TaskEventBody): Promise<void>;
  /** Called whenever a step changes state, with all steps. */
  stepsChanged(steps: StepState[]): Promise<void>;
}

export class StepFailedError extends Error {
  override readonly name = 'StepFailedError';
  constructor(
    readonly stepId: string,
    cause: Error,
    message = cause.message,
  ) {
    super(message, { cause });
  }
}

export class TaskCancelledError extends Error {
  override readonly name = 'TaskCancelledError';
}

export function initialSteps(steps: StepSpec[]): StepState[] {
  return steps.map((step) => ({ id: step.id, name: step.name, action: step.action, status: 'open' }));
}

/** Refuses a template whose steps name actions that do not exist, before anything runs. */
export function checkActions(steps: StepSpec[], actions: ReadonlyMap<string, TemplateAction>): void {
  const missing = steps.filter((step) => !actions.has(step.action));
  if (missing.length) {
    throw new InputError(missing.map((step) => `Step "${step.id}" uses the action "${step.action}", which does not exist`).join('; '));
  }
}

const now = () => new Date().toISOString();

// One for all runs, so step inputs compiled for one task are reused by the next.
const stepTemplater = new Templater();

/**
 * Runs a task's steps in order: `if` and `each`, `${{ }}` in inputs, input validation against
 * the action's schema, and the template's `output` at the end. A failing step fails the task
 * and skips the steps after it.
 */
export class TaskRunner {
  private readonly templater = stepTemplater;

  constructor(private readonly actions: ReadonlyMap<string, TemplateAction>) {}

  async run(spec: TaskSpec, hooks: RunHooks): Promise<{ output: Record<string, unknown>; steps: StepState[] }> {
    checkActions(spec.steps, this.actions);
    const steps = initialSteps(spec.steps);
    const stepOutputs: Record<string, { output: unknown }> = {};
    const context = (): Record<string, unknown> => ({
      parameters: spec.parameters,
      steps: stepOutputs,
      user: spec.user,
      secrets: hooks.secrets,
      context: { task: { id: hooks.taskId } },
    });

    // Secrets may reach log lines (an action echoing its input, an error quoting a URL); logs are stored and shown.
    const secretValues = Object.values(hooks.secrets).filter((value) => typeof value === 'string' && value.length > 0);
    const redact = (message: string) => secretValues.reduce((text, secret) => text.split(secret).join('***'), message);

    const setStatus = async (index: number, status: StepState['status']) => {
      const step = steps[index];
      step.status = status;
      if (status === 'processing') step.startedAt = now();
      else if (step.startedAt) step.endedAt = now();
      await hooks.stepsChanged(steps);
    };
    const skipRest = async (from: number, status: 'skipped' | 'cancelled') => {
      for (let i = from; i < steps.length; i += 1) steps[i].status = status;
      await hooks.stepsChanged(steps);
    };

    for (const [index, step] of spec.steps.entries()) {
      if (hooks.signal.aborted) {
        await skipRest(index, 'cancelled');
        throw new TaskCancelledError('The task was cancelled');
      }
      const action = this.actions.get(step.action)!;
      const log = (message: string, status?: string) =>
        hooks.log({ message: redact(message), stepId: step.id, ...(status ? { status } : {}) });
      try {
        if (step.if !== undefined && !isTruthy(renderValue(this.templater, step.if, context(), `step "${step.id}" if`))) {
          await setStatus(index, 'skipped');
          await log(`Skipping step ${step.id}: its condition is false`, 'skipped');
          continue;
        }
        await setStatus(index, 'processing');
        await log(`Beginning step ${step.name}`, 'processing');
        if (hooks.isDryRun && !action.supportsDryRun) {
          const input = renderValue(this.templater, step.input ?? {}, context(), `step "${step.id}" input`);
          await log(`Skipping because ${action.id} does not support dry-run; it would run with ${JSON.stringify(input)}`, 'skipped');
          await setStatus(index, 'skipped');
          stepOutputs[step.id] = { output: {} };
          continue;
        }
        const iterations = this.iterations(step, context());
        const outputs: Array<Record<string, unknown>> = [];
        for (const each of iterations) {
          const iterationContext = each === undefined ? context() : { ...context(), each };
          const input = (renderValue(this.templater, step.input ?? {}, iterationContext, `step "${step.id}" input`) ?? {}) as Record<
            string,
            unknown
          >;
          validateAgainst(action.schema.input, input, `step "${step.id}" input`);
          const output: Record<string, unknown> = {};
          const { ctx, flushLog } = this.actionContext(action, input, output, hooks, spec, log);
          try {
            await action.handler(ctx);
          } finally {
            await flushLog();
          }
          outputs.push(output);
        }
        stepOutputs[step.id] = { output: step.each === undefined ? (outputs[0] ?? {}) : outputs };
        if (hooks.signal.aborted) throw new TaskCancelledError('The task was cancelled');
        await setStatus(index, 'completed');
        await log(`Finished step ${step.name}`, 'completed');
      } catch (error) {
        if (hooks.signal.aborted || error instanceof TaskCancelledError) {
          await setStatus(index, 'cancelled');
          await skipRest(index + 1, 'cancelled');
          throw new TaskCancelledError('The task was cancelled');
        }
        const cause = error instanceof Error ? error : new Error(String(error));
        await setStatus(index, 'failed');
        await log(`Step ${step.id} failed: ${cause.message}`, 'failed');
        await skipRest(index + 1, 'skipped');
        throw new StepFailedError(step.id, cause, redact(cause.message));
      }
    }
    const output = (renderValue(this.templater, spec.output ?? {}, context(), 'output') ?? {}) as Record<string, unknown>;
    return { output, steps };
  }

  /** `each` over an array gives `{ key: index, value }`, over an object `{ key, value }` per entry. */
  private iterations(step: StepSpec, context: Record<string, unknown>): Array<{ key: string | number; value: unknown } | undefined> {
    if (step.each === undefined) return [undefined];
    const each = renderValue(this.templater, step.each, context, `step "${step.id}" each`);
    if (Array.isArray(each)) return each.map((value, key) => ({ key, value }));
    if (each && typeof each === 'object') return Object.entries(each).map(([key, value]) => ({ key, value }));
    throw new InputError(`Step "${step.id}": each must give a list or an object, got ${JSON.stringify(each)}`);
  }

  private actionContext(
    action: TemplateAction,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    hooks: RunHooks,
    spec: TaskSpec,
    log: (message: string) => Promise<void>,
  ): { ctx: ActionContext; flushLog: () => Promise<void> } {
    // Log lines are written in order without making every action await its logging.
    let pending = Promise.resolve();
    const write = (level: string) => (message: string) => {
      pending = pending.then(() => log(level === 'info' ? message : `${level}: ${message}`)).catch(() => undefined);
    };
    const ctx: ActionContext = {
      taskId: hooks.taskId,
      input,
      workspacePath: hooks.workspacePath,
      resolveInWorkspace: (relativePath) => resolveInWorkspace(hooks.workspacePath, relativePath),
      logger: { info: write('info'), warn: write('warning'), error: write('error') },
      output: (name, value) => {
        output[name] = value;
      },
      createTemporaryDirectory: async () => {
        await mkdir(hooks.temporaryPath, { recursive: true });
        return mkdtemp(path.join(hooks.temporaryPath, `${action.id.replace(/[^a-z0-9]/gi, '-')}-`));
      },
      templateInfo: { entityRef: spec.templateInfo.entityRef, baseUrl: spec.templateInfo.baseUrl },
      user: spec.user,
      secrets: hooks.secrets,
      isDryRun: hooks.isDryRun,
      signal: hooks.signal,
    };
    return { ctx, flushLog: () => pending };
  }
}
