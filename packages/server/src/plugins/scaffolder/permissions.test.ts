import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionPolicy } from '../../core/permissions';
import { closeTestDatabases } from '../../testing/databases';
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
    app = await scaffolderApp('sqlite', [{ name: 'waits', steps: [{ id: 'log', action: 'debug:log' }, { id: 'wait', action: 'debug:wait' }] }], {}, { policy });
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
