import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../core/app';
import { parseConfig } from '../../core/config';
import { openDatabase, type Database } from '../../core/database';
import { createLogger } from '../../core/logger';
import type { TestApp } from '../../testing/app';
import { builtInPlugins } from '..';
import { availableEngines, closeTestDatabases, testPostgresUrl } from '../../testing/databases';
import { serverIdFor, RESTARTED_MESSAGE, STALE_MESSAGE } from './TaskWorker';
import type { ScaffolderTables } from './tables';
import { TaskStore, type TaskRow } from './TaskStore';
import { runTask, scaffolderApp, until, type ScaffolderTestApp } from './testing/fixtures';

const emptySpec = JSON.stringify({ apiVersion: 'x', templateInfo: {}, parameters: {}, steps: [], user: {} });

async function insertTasks(database: Database, rows: Array<Partial<TaskRow> & { id: string }>) {
  const created_at = new Date().toISOString();
  await (database.db as Kysely<ScaffolderTables>)
    .insertInto('scaffolder_tasks')
    .values(
      rows.map((row) => ({
        spec: emptySpec,
        secrets: null,
        status: 'processing' as const,
        created_by: null,
        created_at,
        last_heartbeat_at: null,
        claimed_by: null,
        steps: '[]',
        output: null,
        error: null,
        cancel_requested_at: null,
        ...row,
      })),
    )
    .execute();
}

describe.each(await availableEngines())('scaffolder task lifecycle on %s', (engine) => {
  let app: ScaffolderTestApp;
  const others: TestApp[] = [];

  beforeAll(async () => {
    app = await scaffolderApp(engine, [
      {
        name: 'slow',
        steps: [
          { id: 'wait', action: 'debug:wait', input: { seconds: 30 } },
          { id: 'after', action: 'debug:log', input: { message: 'after the wait' } },
        ],
      },
      {
        name: 'skeleton',
        parameters: { properties: { name: { type: 'string' }, target: { type: 'string' } } },
        steps: [
          { id: 'fetch', action: 'fetch:template', input: { url: './skeleton', targetPath: '${{ parameters.target }}', values: { name: '${{ parameters.name }}' } } },
          { id: 'list', action: 'debug:log', input: { listWorkspace: 'with-contents' } },
        ],
        files: { 'skeleton/README.md': '# ${{ values.name }}\n' },
      },
      {
        name: 'quick',
        steps: [
          { id: 'one', action: 'debug:log', input: { message: 'one' } },
          { id: 'two', action: 'debug:wait', input: { milliseconds: 20 } },
        ],
      },
    ]);
  });

  afterAll(async () => {
    for (const other of others) await other.close();
    await app?.close();
    await closeTestDatabases();
  });

  const get = async (url: string) => (await app.http.inject({ method: 'GET', url })).json();
  const create = async (templateRef: string, values: Record<string, unknown> = {}) =>
    (await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef, values } })).json().id as string;

  it('renders a skeleton into the workspace and removes the workspace afterwards', async () => {
    const task = await runTask(app, 'template:default/skeleton', { name: 'shop', target: 'app' });
    expect(task.status).toBe('completed');
    const events = await get(`/api/scaffolder/v2/tasks/${task.id}/events`);
    expect(events.map((e: { body: { message: string } }) => e.body.message)).toContain('app/README.md:\n# shop\n');
    expect(existsSync(path.join(app.root, 'data/scaffolder', task.id))).toBe(false);
  });

  it('fails a template writing outside its workspace with a clear message', async () => {
    const task = await runTask(app, 'template:default/skeleton', { name: 'x', target: '../escaped' });
    expect(task.status).toBe('failed');
    expect(task.error.message).toBe('Path "../escaped" leads outside the task workspace');
    expect(existsSync(path.join(app.root, 'data/escaped'))).toBe(false);
  });

  it('cancels a running task: the wait stops, later steps do not run', async () => {
    const id = await create('template:default/slow');
    await until(() => get(`/api/scaffolder/v2/tasks/${id}`), (t) => t.steps[0].status === 'processing');
    const res = await app.http.inject({ method: 'POST', url: `/api/scaffolder/v2/tasks/${id}/cancel` });
    expect(res.json()).toEqual({ status: 'cancelled' });
    const task = await until(() => get(`/api/scaffolder/v2/tasks/${id}`), (t) => t.status !== 'processing', 5000);
    expect(task.status).toBe('cancelled');
    expect(task.steps.map((s: { status: string }) => s.status)).toEqual(['cancelled', 'cancelled']);
    const events = await get(`/api/scaffolder/v2/tasks/${id}/events`);
    expect(events.at(-1)).toMatchObject({ type: 'cancelled', body: { status: 'cancelled' } });
    expect(events.some((e: { body: { message: string } }) => e.body.message === 'after the wait')).toBe(false);
    // Cancelling an ended task again is harmless; a completed one cannot be cancelled.
    expect((await app.http.inject({ method: 'POST', url: `/api/scaffolder/v2/tasks/${id}/cancel` })).statusCode).toBe(200);
    const done = await runTask(app, 'template:default/quick');
    expect((await app.http.inject({ method: 'POST', url: `/api/scaffolder/v2/tasks/${done.id}/cancel` })).statusCode).toBe(409);
  });

  it('after a restart, fails tasks the previous run left processing, and tasks whose worker went silent', async () => {
    const serverId = serverIdFor(path.join(app.root, 'data'));
    const steps = [{ id: 'a', name: 'a', action: 'debug:log', status: 'processing' }, { id: 'b', name: 'b', action: 'debug:log', status: 'open' }];
    const now = new Date().toISOString();
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    // Written as processing at once: an open row would be claimed by the running server first.
    await insertTasks(app.database, [
      { id: 'restarted', claimed_by: `${serverId}/earlier-run`, last_heartbeat_at: now, steps: JSON.stringify(steps) },
      { id: 'silent', claimed_by: 'elsewhere:1/run', last_heartbeat_at: hourAgo, steps: JSON.stringify(steps) },
      { id: 'alive', claimed_by: 'elsewhere:2/run', last_heartbeat_at: now, steps: JSON.stringify(steps) },
    ]);

    mkdirSync(path.join(app.root, 'data/scaffolder/restarted/half-written'), { recursive: true });
    const restarted = await app.restart();
    others.push(restarted);
    const restartedTask = await get('/api/scaffolder/v2/tasks/restarted');
    expect(restartedTask).toMatchObject({ status: 'failed', error: { message: RESTARTED_MESSAGE } });
    expect(restartedTask.steps.map((s: { status: string }) => s.status)).toEqual(['failed', 'skipped']);
    expect((await get('/api/scaffolder/v2/tasks/restarted/events')).at(-1)).toMatchObject({ type: 'completion', body: { status: 'failed', message: RESTARTED_MESSAGE } });
    expect(await get('/api/scaffolder/v2/tasks/silent')).toMatchObject({ status: 'failed', error: { message: STALE_MESSAGE } });
    expect((await get('/api/scaffolder/v2/tasks/alive')).status).toBe('processing');
    expect(existsSync(path.join(app.root, 'data/scaffolder/restarted'))).toBe(false);
  });

  it('two stores on one database never claim the same task', async () => {
    const second: Database =
      engine === 'postgres'
        ? await openDatabase(testPostgresUrl, { schema: (await sql<{ schema: string }>`select current_schema() as schema`.execute(app.database.db)).rows[0].schema })
        : app.database;
    try {
      const stores = [new TaskStore(app.database), new TaskStore(second)];
      // Open rows no worker takes: the servers poll every second, the claims below come first.
      const ids = Array.from({ length: 30 }, (_, i) => `race-${i}`);
      await insertTasks(app.database, ids.map((id) => ({ id, status: 'open' as const, claimed_by: null, last_heartbeat_at: null })));
      const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].claim(`race-worker-${i % 2}/${i}`)));
      const claimed = claims.filter((row) => row && row.id.startsWith('race-')).map((row) => row!.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.length).toBeGreaterThan(0);
    } finally {
      if (second !== app.database) await second.close();
    }
  });
});

describe.each((await availableEngines()).filter((e) => e === 'postgres'))('two servers on one %s database', () => {
  it('run every task exactly once', async () => {
    const steps = [
      { id: 'hello', action: 'debug:log', input: { message: 'run of ${{ parameters.n }}' } },
      { id: 'pause', action: 'debug:wait', input: { milliseconds: 30 } },
    ];
    // Server A holds the catalog and creates tasks but runs none; B and C share its database and run them.
    const a = await scaffolderApp('postgres', [{ name: 'count', parameters: { properties: { n: { type: 'number' } } }, steps }], { scaffolder: { concurrentTasksLimit: 0 } });
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(a.database.db)).rows[0].schema;
    const workers: Array<{ close(): Promise<void> }> = [];
    const databases: Database[] = [];
    try {
      for (const name of ['b', 'c']) {
        const database = await openDatabase(testPostgresUrl, { schema });
        databases.push(database);
        const root = path.join(a.root, name);
        // The same catalog configuration as A, or B would drop A's location from the shared catalog.
        const config = {
          scaffolder: { concurrentTasksLimit: 3 },
          reading: { fileRoots: [a.root] },
          catalog: { locations: [{ type: 'file', target: path.join(a.root, 'catalog.yaml') }], refresh: { intervalSeconds: 0 }, rules: [{ allow: ['Template', 'Location', 'User'] }] },
        };
        const server = await buildApp(parseConfig(config, { rootDir: root, env: { GREENROOM_DATA_DIR: path.join(root, 'data') } }), builtInPlugins, {
          database,
          logger: createLogger({ level: 'silent' }),
        });
        await server.start();
        workers.push(server);
      }
      const ids: string[] = [];
      for (let n = 0; n < 24; n += 1) {
        const res = await a.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'count', values: { n } } });
        if (res.statusCode !== 201) throw new Error(res.body);
        ids.push(res.json().id);
      }
      const list = await until(
        async () => (await a.http.inject({ method: 'GET', url: '/api/scaffolder/v2/tasks?status=completed&limit=100' })).json(),
        (body) => body.totalTasks === 24,
        30_000,
      );
      expect(list.tasks).toHaveLength(24);
      const claimers = new Set<string>();
      for (const id of ids) {
        const events = (await a.http.inject({ method: 'GET', url: `/api/scaffolder/v2/tasks/${id}/events` })).json();
        const begins = events.filter((e: { body: { message: string } }) => e.body.message.startsWith('Beginning step'));
        expect(begins).toHaveLength(2);
        const row = await a.database.db.selectFrom('scaffolder_tasks').select('claimed_by').where('id', '=', id).executeTakeFirstOrThrow();
        claimers.add(String(row.claimed_by).split('/')[0]);
      }
      expect(claimers.size).toBeGreaterThanOrEqual(1);
    } finally {
      for (const worker of workers) await worker.close();
      for (const database of databases) await database.close();
      await a.close();
      await closeTestDatabases();
    }
  });
});
