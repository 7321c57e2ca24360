import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { DatabaseEngine } from '../../../core/database';
import { buildApp } from '../../../core/app';
import { parseConfig } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import type { PermissionPolicy } from '../../../core/permissions';
import { waitForIngestion, type TestApp } from '../../../testing/app';
import { freshDatabase } from '../../../testing/databases';
import { builtInPlugins } from '../..';

export interface TemplateFixture {
  name: string;
  parameters?: unknown;
  steps: unknown[];
  output?: unknown;
  /** Files beside template.yaml, path → content. */
  files?: Record<string, string>;
}

export function templateEntity(fixture: Omit<TemplateFixture, 'files'>) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: fixture.name, title: `The ${fixture.name} template` },
    spec: { owner: 'group:default/team-a', type: 'service', parameters: fixture.parameters ?? [], steps: fixture.steps, ...(fixture.output ? { output: fixture.output } : {}) },
  };
}

/** Writes each template to `<root>/templates/<name>/template.yaml` (with its files) and a catalog file listing them. */
export function writeTemplates(root: string, templates: TemplateFixture[]): void {
  const targets = [];
  for (const template of templates) {
    const dir = path.join(root, 'templates', template.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'template.yaml'), stringify(templateEntity(template)));
    for (const [file, content] of Object.entries(template.files ?? {})) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    targets.push(`./templates/${template.name}/template.yaml`);
  }
  const user = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'guest' }, spec: { profile: { displayName: 'Guest' }, memberOf: [] } };
  const location = { apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'templates' }, spec: { targets } };
  writeFileSync(path.join(root, 'catalog.yaml'), [location, user].map((doc) => stringify(doc)).join('---\n'));
}

export type ScaffolderTestApp = TestApp & {
  root: string;
  /** Another server on the same database and config, e.g. this one after a restart. */
  restart(): Promise<TestApp>;
};

/** A server whose catalog holds the templates, with the scaffolder running tasks. */
export async function scaffolderApp(
  engine: DatabaseEngine,
  templates: TemplateFixture[],
  config: Record<string, unknown> = {},
  options: { policy?: PermissionPolicy } = {},
): Promise<ScaffolderTestApp> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-scaffolder-'));
  writeTemplates(root, templates);
  const raw = {
    catalog: { locations: [{ type: 'file', target: './catalog.yaml' }], refresh: { intervalSeconds: 0 }, rules: [{ allow: ['Template', 'Location', 'User', 'Component', 'Group'] }] },
    ...config,
  };
  const database = await freshDatabase(engine);
  const build = async () => {
    const server = await buildApp(parseConfig(raw, { rootDir: root, env: { GREENROOM_DATA_DIR: path.join(root, 'data') } }), builtInPlugins, {
      database,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      policy: options.policy,
    });
    await server.start();
    return Object.assign(server, { rootDir: root });
  };
  const app = await build();
  await waitForIngestion(app);
  return Object.assign(app, { root, restart: build });
}

export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts a task and waits for it to end; answers the finished task. */
export async function runTask(app: TestApp, templateRef: string, values: Record<string, unknown> = {}) {
  const created = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef, values } });
  if (created.statusCode !== 201) throw new Error(`POST /v2/tasks answered ${created.statusCode}: ${created.body}`);
  const { id } = created.json() as { id: string };
  return until(
    async () => (await app.http.inject({ method: 'GET', url: `/api/scaffolder/v2/tasks/${id}` })).json(),
    (task) => ['completed', 'failed', 'cancelled'].includes(task.status),
  );
}
