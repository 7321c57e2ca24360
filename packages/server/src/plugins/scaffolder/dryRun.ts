import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringifyEntityRef } from '@greenroom/model';
import type { Principal } from '../../core/identity';
import type { TemplateAction } from './extensions';
import { checkActions, TaskRunner, type TaskSpec } from './TaskRunner';
import type { TaskEvent } from './TaskStore';
import { assertTemplate, templateSteps, validateValues, type StepSpec, type TemplateEntityLike } from './template';
import { resolveInWorkspace } from './workspace';

export interface DryRunRequest {
  template: TemplateEntityLike;
  values: Record<string, unknown>;
  secrets?: Record<string, string>;
  directoryContents: Array<{ path: string; base64Content: string }>;
}

/** Where dry-runs put the template files they were sent; fetch:* actions may read below it. */
export const dryRunDirName = 'dry-run';

async function listTree(root: string, dir = ''): Promise<Array<{ path: string; executable: boolean; base64Content: string }>> {
  const files = [];
  for (const entry of (await readdir(path.join(root, dir), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    const absolute = path.join(root, relative);
    if (entry.isDirectory()) files.push(...(await listTree(root, relative)));
    else if (entry.isFile()) {
      const mode = (await stat(absolute)).mode;
      files.push({ path: relative, executable: (mode & 0o111) !== 0, base64Content: (await readFile(absolute)).toString('base64') });
    }
  }
  return files;
}

/**
 * Runs a template sent with its files, without storing a task: a temporary workspace, actions
 * that do not support dry-run skipped, and the produced files returned.
 */
export async function dryRun(
  request: DryRunRequest,
  options: {
    actions: ReadonlyMap<string, TemplateAction>;
    workspaceDir: string;
    principal: Principal;
    authorizeActions(steps: StepSpec[], principal: Principal): Promise<void>;
    /** scaffolder.task.create on the template, when the template names itself. */
    authorizeTemplate(ref: string, principal: Principal): Promise<void>;
  },
) {
  assertTemplate(request.template);
  const metadata = request.template.metadata ?? {};
  const templateRef = metadata.name
    ? stringifyEntityRef({ kind: 'template', namespace: metadata.namespace, name: metadata.name })
    : undefined;
  if (templateRef) await options.authorizeTemplate(templateRef, options.principal);
  const steps = templateSteps(request.template);
  checkActions(steps, options.actions);
  await options.authorizeActions(steps, options.principal);
  validateValues(request.template, request.values);

  const id = randomUUID();
  const root = path.join(options.workspaceDir, dryRunDirName, id);
  const templateDir = path.join(root, 'template');
  const workspacePath = path.join(root, 'workspace');
  await mkdir(templateDir, { recursive: true });
  await mkdir(workspacePath, { recursive: true });
  const log: TaskEvent[] = [];
  try {
    for (const file of request.directoryContents) {
      const target = resolveInWorkspace(templateDir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, Buffer.from(file.base64Content, 'base64'));
    }
    const spec: TaskSpec = {
      apiVersion: String(request.template.apiVersion),
      templateInfo: {
        entityRef: templateRef,
        baseUrl: pathToFileURL(path.join(templateDir, 'template.yaml')).href,
        entity: { metadata },
      },
      parameters: request.values,
      steps,
      ...(request.template.spec?.output ? { output: request.template.spec.output as Record<string, unknown> } : {}),
      user: { ref: options.principal.userEntityRef },
    };
    const append = (type: TaskEvent['type'], body: TaskEvent['body']) =>
      log.push({ id: log.length + 1, taskId: id, type, createdAt: new Date().toISOString(), body });
    let output: Record<string, unknown> = {};
    try {
      const result = await new TaskRunner(options.actions).run(spec, {
        taskId: id,
        workspacePath,
        temporaryPath: path.join(root, 'tmp'),
        secrets: request.secrets ?? {},
        isDryRun: true,
        signal: new AbortController().signal,
        log: async (body) => void append('log', body),
        stepsChanged: async () => {},
      });
      output = result.output;
      append('completion', { message: 'Dry run completed', status: 'completed', output });
    } catch (error) {
      const cause = error as Error;
      append('completion', { message: cause.message, status: 'failed', error: { name: cause.name, message: cause.message } });
    }
    return {
      log,
      directoryContents: await listTree(workspacePath),
      output,
      steps: steps.map((step) => ({ id: step.id, name: step.name, action: step.action })),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
