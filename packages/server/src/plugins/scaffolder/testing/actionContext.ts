import { mkdtempSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ActionContext, TemplateAction } from '../extensions';
import { resolveInWorkspace } from '../workspace';

/** Runs an action's handler on a fresh workspace; answers the outputs and log lines. */
export async function runAction<Input>(
  action: TemplateAction<Input>,
  input: Input,
  overrides: Partial<ActionContext<Input>> & { workspacePath?: string } = {},
) {
  const workspacePath = overrides.workspacePath ?? mkdtempSync(path.join(os.tmpdir(), 'greenroom-ws-'));
  const outputs: Record<string, unknown> = {};
  const logs: string[] = [];
  const write = (message: string) => void logs.push(message);
  await action.handler({
    taskId: 'test-task',
    input,
    workspacePath,
    resolveInWorkspace: (relative) => resolveInWorkspace(workspacePath, relative),
    logger: { info: write, warn: write, error: write },
    output: (name, value) => {
      outputs[name] = value;
    },
    createTemporaryDirectory: () => mkdtemp(path.join(os.tmpdir(), 'greenroom-action-tmp-')),
    templateInfo: {},
    user: {},
    secrets: {},
    isDryRun: false,
    signal: new AbortController().signal,
    ...overrides,
  });
  return { outputs, logs, workspacePath };
}
