import { statSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import type { ScaffolderTables } from './tables';
import { TaskSecrets } from './TaskSecrets';
import { scaffolderApp, until, type ScaffolderTestApp } from './testing/fixtures';

const SECRET = 'tok-9f8e7d6c5b4a';

describe.each(await availableEngines())('task secrets on %s', (engine) => {
  let app: ScaffolderTestApp;

  beforeAll(async () => {
    app = await scaffolderApp(engine, [
      {
        name: 'uses-token',
        steps: [
          { id: 'hold', action: 'debug:wait', input: { milliseconds: 400 } },
          // The step sees the secret: its length shows in the log, the value never does.
          {
            id: 'see',
            action: 'debug:log',
            input: { message: 'token of ${{ secrets.token | length }} characters, starting ${{ secrets.token | truncate(4, true, "") }}' },
          },
        ],
      },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const rawRow = (id: string) =>
    (app.database.db as Kysely<ScaffolderTables>).selectFrom('scaffolder_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const get = async (url: string) => (await app.http.inject({ method: 'GET', url })).json();

  it('stores secrets encrypted while the task runs, lets the running task use them, and drops them when it ends', async () => {
    const created = await app.http.inject({
      method: 'POST',
      url: '/api/scaffolder/v2/tasks',
      payload: { templateRef: 'uses-token', secrets: { token: SECRET } },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();

    const stored = await rawRow(id);
    expect(stored.secrets).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.stringify(stored)).not.toContain(Buffer.from(SECRET).toString('base64'));

    const task = await until(
      () => get(`/api/scaffolder/v2/tasks/${id}`),
      (t) => t.status === 'completed' || t.status === 'failed',
    );
    expect(task.status).toBe('completed');
    const events = await app.http.inject({ method: 'GET', url: `/api/scaffolder/v2/tasks/${id}/events` });
    expect(events.body).toContain(`token of ${SECRET.length} characters, starting tok-`);
    expect(events.body).not.toContain(SECRET);
    expect(JSON.stringify(task)).not.toContain(SECRET);
    expect((await rawRow(id)).secrets).toBeNull();
  });

  it('keeps a random key, readable by the server alone, when scaffolder.secretsKey is not set', () => {
    const keyFile = path.join(app.root, 'data', 'scaffolder-secrets.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });
});

describe('TaskSecrets', () => {
  it('opens only with the same key and for the same task', async () => {
    const sealer = new TaskSecrets({ configuredKey: 'one passphrase', dataDir: '/nonexistent' });
    const sealed = await sealer.seal('task-1', { token: SECRET });
    expect(sealed).not.toContain(SECRET);
    expect(await new TaskSecrets({ configuredKey: 'one passphrase', dataDir: '/nonexistent' }).open('task-1', sealed)).toEqual({
      token: SECRET,
    });
    await expect(sealer.open('task-2', sealed)).rejects.toThrow(/cannot be decrypted/);
    await expect(new TaskSecrets({ configuredKey: 'another', dataDir: '/nonexistent' }).open('task-1', sealed)).rejects.toThrow(
      'every server on one database needs the same scaffolder.secretsKey',
    );
    expect(await sealer.seal('task-1', {})).toBeNull();
  });
});
