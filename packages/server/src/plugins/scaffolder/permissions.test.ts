import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionPolicy } from '../../core/permissions';
import { availableEngines, closeTestDatabases } from '../../testing/databases';
import { scaffolderApp, templateEntity, type ScaffolderTestApp } from './testing/fixtures';

/** Lets everything but waiting, and reading tasks. */
const policy: PermissionPolicy = {
  decide: (_principal, permission, resourceRef) => {
    if (permission.name === 'scaffolder.action.execute' && resourceRef === 'debug:wait') return 'deny';
    if (permission.name === 'scaffolder.task.read') return 'deny';
    return 'allow';
  },
};

describe('scaffolder permissions', () => {
  let app: ScaffolderTestApp;

  beforeAll(async () => {
    app = await scaffolderApp(
      'sqlite',
      [
        {
          name: 'waits',
          steps: [
            { id: 'log', action: 'debug:log' },
            { id: 'wait', action: 'debug:wait' },
          ],
        },
      ],
      {},
      { policy },
    );
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  it('refuses a task or dry-run using an action the caller may not execute, naming it', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'waits' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('guest may not scaffolder.action.execute on debug:wait');
    const dry = await app.http.inject({
      method: 'POST',
      url: '/api/scaffolder/v2/dry-run',
      payload: { template: templateEntity({ name: 'w', steps: [{ id: 'wait', action: 'debug:wait' }] }), values: {} },
    });
    expect(dry.statusCode).toBe(403);
  });

  it('guards task reads with scaffolder.task.read', async () => {
    expect((await app.http.inject({ method: 'GET', url: '/api/scaffolder/v2/tasks' })).statusCode).toBe(403);
  });
});

/** Only "ours" may be run: what a policy saying "only the owning team runs a template" answers to a stranger. */
const templatePolicy: PermissionPolicy = {
  decide: (_principal, permission, resourceRef) =>
    permission.name === 'scaffolder.task.create' && resourceRef !== undefined && resourceRef !== 'template:default/ours' ? 'deny' : 'allow',
};

describe.each(await availableEngines())('scaffolder.task.create on the template, on %s', (engine) => {
  let app: ScaffolderTestApp;
  const steps = [{ id: 'log', action: 'debug:log', input: { message: 'ran' } }];

  beforeAll(async () => {
    app = await scaffolderApp(
      engine,
      [
        { name: 'ours', steps },
        { name: 'theirs', steps },
      ],
      {},
      { policy: templatePolicy },
    );
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const tasks = async () => (await app.http.inject({ method: 'GET', url: '/api/scaffolder/v2/tasks' })).json().totalTasks;

  it('refuses a task of a template the policy denies, naming the template, and creates nothing', async () => {
    const before = await tasks();
    const res = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'theirs' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('guest may not scaffolder.task.create on template:default/theirs');
    expect(await tasks()).toBe(before);
    const allowed = await app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/tasks', payload: { templateRef: 'ours' } });
    expect(allowed.statusCode).toBe(201);
    expect(await tasks()).toBe(before + 1);
  });

  it('refuses the dry-run of a denied template', async () => {
    const dry = await app.http.inject({
      method: 'POST',
      url: '/api/scaffolder/v2/dry-run',
      payload: { template: templateEntity({ name: 'theirs', steps }), values: {} },
    });
    expect(dry.statusCode).toBe(403);
    const ok = await app.http.inject({
      method: 'POST',
      url: '/api/scaffolder/v2/dry-run',
      payload: { template: templateEntity({ name: 'ours', steps }), values: {} },
    });
    expect(ok.statusCode).toBe(200);
  });
});
