import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../../../../core/config';
import type { ActionContext } from '../../extensions';
import { resolveInWorkspace } from '../../workspace';

/** A config as greenroom.yaml would give it, for action tests. */
export function testConfig(raw: Record<string, unknown>): Config {
  return parseConfig(raw, { rootDir: os.tmpdir(), env: {} });
}

/**
 * An action context over a fresh workspace holding `files`; collects outputs and log lines.
 * Input is untyped, as the engine hands it over after validating it against the action's schema.
 */
export async function actionContext(input: Record<string, unknown>, files: Record<string, string> = {}) {
  const workspacePath = await mkdtemp(path.join(os.tmpdir(), 'greenroom-action-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspacePath, file)), { recursive: true });
    await writeFile(path.join(workspacePath, file), content);
  }
  const outputs: Record<string, unknown> = {};
  const log: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ctx: ActionContext<any> = {
    taskId: 'test-task',
    input,
    workspacePath,
    resolveInWorkspace: (relative) => resolveInWorkspace(workspacePath, relative),
    logger: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) },
    output: (name, value) => {
      outputs[name] = value;
    },
    createTemporaryDirectory: () => mkdtemp(path.join(os.tmpdir(), 'greenroom-action-tmp-')),
    templateInfo: {},
    user: { ref: 'user:default/guest' },
    secrets: {},
    isDryRun: false,
    signal: new AbortController().signal,
  };
  return { ctx, outputs, log, workspacePath };
}
