import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/app';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { runTask, scaffolderApp, until } from './testing/fixtures';

describe.each(await availableEngines())('scaffolder tasks on %s', (engine) => {
  let app: TestApp & { root: string };

  beforeAll(async () => {
    app = await scaffolderApp(engine, [
      {
        name: 'hello',
        parameters: [{ title: 'Name', required: ['name'], properties: { name: { type: 'string', minLength: 2 }, count: { type: 'number' } } }],
        steps: [
          { id: 'greet', name: 'Greet', action: 'debug:log', input: { message: 'Hello ${{ parameters.name }} from ${{ user.ref }}' } },
          { id: 'skipped', action: 'debug:log', if: '${{ parameters.count > 5 }}', input: { message: 'many' } },
        ],
        output: { text: [{ title: 'Count', content: 'n=${{ parameters.count }}' }], count: '${{ parameters.count }}' },
      },
      {
        name: 'broken',
        steps: [
          { id: 'first', action: 'debug:log', input: { message: 'one' } },
          { id: 'fails', action: 'debug:log', input: { message: '${{ parameters.x | parseRepoUrl }}' } },
          { id: 'after', action: 'debug:log', input: { message: 'never' } },
        ],
      },
      { name: 'unknown-action', steps: [{ id: 'make', action: 'does:not-exist' }] },
      {
        name: 'loops',
        parameters: { properties: { names: { type: 'array', items: { type: 'string' } }, labels: { type: 'object' } } },
        steps: [
          { id: 'perName', action: 'catalog:write', each: '${{ parameters.names }}', input: { filePath: '${{ each.value }}.yaml', entity: { n: '${{ each.key }}' } } },
          { id: 'perEntry', action: 'debug:log', each: '${{ parameters.labels }}', input: { message: '${{ each.key }}=${{ each.value }}' } },
          { id: 'list', action: 'debug:log', input: { listWorkspace: true } },
        ],
        output: { written: '${{ steps.perName.output | length }}' },
      },
      {
        name: 'leaky',
        steps: [
          { id: 'echo', action: 'debug:log', input: { message: 'using ${{ secrets.token }} now' } },
          { id: 'fail', action: 'fs:rename', input: { files: [{ from: '${{ secrets.token }}', to: 'x' }] } },
        ],
      },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const get = async (url: string) => (await app.http.inject({ method: 'GET', url })).json();

  it('runs a task to completion with rendered output and a log per step', async () => {
    const task = await runTask(app, 'template:default/hello', { name: 'Ada', count: 3 });
    expect(task.status).toBe('completed');
    expect(task.output).toEqual({ text: [{ title: 'Count', content: 'n=3' }], count: 3 });
    expect(task.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['greet', 'completed'],
      ['skipped', 'skipped'],
    ]);
    expect(task.spec.templateInfo.entityRef).toBe('template:default/hello');
    expect(task.createdBy).toBe('user:default/guest');
    const events = await get(`/api/scaffolder/v2/tasks/${task.id}/events`);
    expect(events.map((e: { body: { message: string } }) => e.body.message)).toContain('Hello Ada from user:default/guest');
    expect(events.at(-1)).toMatchObject({ type: 'completion', body: { status: 'completed' } });
  });

  it('fails a task with the failing step\'s message and skips the steps after it', async () => {
    const task = await runTask(app, 'template:default/broken');
    expect(task.status).toBe('failed');
    expect(task.error.message).toMatch(/parseRepoUrl/);
    expect(task.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'failed', 'skipped']);
    const events = await get(`/api/scaffolder/v2/tasks/${task.id}/events`);
    expect(events.some((e: { body: { message: string } }) => e.body.message === 'never')).toBe(false);
  });

  it('refuses values that break the parameter schema, naming the field', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'template:default/hello', values: { name: 'A', count: 'x' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.name).toBe('InputError');
    expect(res.json().error.message).toContain('values.name must NOT have fewer than 2 characters');
    expect(res.json().error.message).toContain('values.count must be number');
    const missing = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'template:default/hello', values: {} } });
    expect(missing.json().error.message).toBe('values.name is required');
  });

  it('refuses a template naming an unknown action before any step runs', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'template:default/unknown-action' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Step "make" uses the action "does:not-exist", which does not exist');
    expect((await get('/api/scaffolder/v2/tasks')).tasks.some((t: { spec: { templateInfo: { entityRef: string } } }) => t.spec.templateInfo.entityRef.endsWith('unknown-action'))).toBe(false);
  });

  it('runs a step once per item with each, over lists and objects', async () => {
    const task = await runTask(app, 'template:default/loops', { names: ['x', 'y'], labels: { a: 1, b: 2 } });
    expect(task.status).toBe('completed');
    expect(task.output).toEqual({ written: 2 });
    const messages = (await get(`/api/scaffolder/v2/tasks/${task.id}/events`)).map((e: { body: { message: string } }) => e.body.message);
    expect(messages).toEqual(expect.arrayContaining(['a=1', 'b=2', 'x.yaml', 'y.yaml']));
  });

  it('keeps secrets out of the log and the error', async () => {
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/scaffolder/v2/tasks',
      payload: { templateRef: 'template:default/leaky', values: {}, secrets: { token: 'tok-123456' } },
    });
    const { id } = created.json();
    const task = await until(() => get(`/api/scaffolder/v2/tasks/${id}`), (t) => t.status === 'failed');
    expect(task.error.message).toContain('***');
    const events = await app.http.inject({ method: 'GET', url: `/api/scaffolder/v2/tasks/${id}/events` });
    expect(events.body).toContain('using *** now');
    expect(events.body).not.toContain('tok-123456');
    expect(JSON.stringify(task)).not.toContain('tok-123456');
  });

  it('answers 404 for a template or task that does not exist', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'template:default/nope' } });
    expect(res.statusCode).toBe(404);
    expect((await app.http.inject({ method: 'GET', url: '/api/scaffolder/v2/tasks/nope' })).statusCode).toBe(404);
  });

  it('lists tasks by creator and status, newest first, without secrets', async () => {
    const created = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'hello', values: { name: 'Bo' }, secrets: { token: 's3cret' } } });
    const { id } = created.json();
    await until(() => get(`/api/scaffolder/v2/tasks/${id}`), (t) => t.status === 'completed');
    const mine = await app.http.inject({ method: 'GET', url: '/api/scaffolder/v2/tasks?createdBy=user:default/guest&status=completed&limit=1' });
    expect(mine.json().tasks.map((t: { id: string }) => t.id)).toEqual([id]);
    expect(mine.json().totalTasks).toBeGreaterThanOrEqual(2);
    expect(mine.body).not.toContain('s3cret');
    expect((await get('/api/scaffolder/v2/tasks?createdBy=user:default/someone-else')).totalTasks).toBe(0);
  });

  it('serves the parameter schema and the action list', async () => {
    const schema = await get('/api/scaffolder/v2/templates/default/template/hello/parameter-schema');
    expect(schema).toMatchObject({ title: 'The hello template', steps: [{ title: 'Name', schema: { required: ['name'] } }] });
    const actions = await get('/api/scaffolder/v2/actions');
    const ids = actions.map((a: { id: string }) => a.id);
    expect(ids).toContain('debug:log');
    expect(ids).toEqual([...ids].sort());
  });
});
