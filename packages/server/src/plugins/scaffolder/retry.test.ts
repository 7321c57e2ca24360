import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { runTask, scaffolderApp, until, type ScaffolderTestApp } from './testing/fixtures';

describe.each(await availableEngines())('retrying a task on %s', (engine) => {
  let app: ScaffolderTestApp;

  beforeAll(async () => {
    app = await scaffolderApp(engine, [
      {
        // Fails until the retry brings the secret the step needs.
        name: 'needs-token',
        steps: [
          { id: 'first', action: 'debug:log', input: { message: 'first step' } },
          { id: 'check', action: 'fs:rename', if: '${{ not secrets.token }}', input: { files: [{ from: 'missing', to: 'x' }] } },
          { id: 'last', action: 'debug:log', input: { message: 'token of ${{ secrets.token | length }} characters' } },
        ],
      },
      { name: 'fine', steps: [{ id: 'only', action: 'debug:log', input: { message: 'fine' } }] },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const get = async (url: string) => (await app.http.inject({ method: 'GET', url })).json();
  const retry = (id: string, payload: Record<string, unknown> = {}) =>
    app.http.inject({ method: 'POST', url: `/api/scaffolder/v2/tasks/${id}/retry`, payload });

  it('runs a failed task again from its first step, with the same spec and the secrets sent', async () => {
    const failed = await runTask(app, 'template:default/needs-token', { note: 'kept' });
    expect(failed.status).toBe('failed');

    const res = await retry(failed.id, { secrets: { token: 'abcd1234' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: failed.id });

    const done = await until(
      () => get(`/api/scaffolder/v2/tasks/${failed.id}`),
      (t) => t.status === 'completed' || t.status === 'failed',
    );
    expect(done.status).toBe('completed');
    expect(done.error).toBeUndefined();
    expect(done.spec).toEqual(failed.spec);
    expect(done.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['first', 'completed'],
      ['check', 'skipped'],
      ['last', 'completed'],
    ]);
    const messages: string[] = (await get(`/api/scaffolder/v2/tasks/${failed.id}/events`)).map(
      (e: { body: { message: string } }) => e.body.message,
    );
    // The first run's log stays, then the retry, then the second run from the first step.
    expect(messages.filter((m) => m === 'first step')).toHaveLength(2);
    expect(messages.findIndex((m) => m.startsWith('Retried by'))).toBeLessThan(messages.lastIndexOf('first step'));
    expect(messages).toContain('token of 8 characters');
    // The event stream ends at the new run's end, not the first run's.
    const events = await get(`/api/scaffolder/v2/tasks/${failed.id}/events`);
    expect(events.filter((e: { type: string }) => e.type === 'completion')).toHaveLength(1);
    expect(events.at(-1).body.status).toBe('completed');
  });

  it('refuses to retry a task that did not fail or get cancelled, and one that does not exist', async () => {
    const completed = await runTask(app, 'template:default/fine');
    const res = await retry(completed.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('only a failed or cancelled task can be retried');
    expect((await retry('nope')).statusCode).toBe(404);
  });
});
