import { afterAll, describe, expect, it } from 'vitest';
import type { PermissionPolicy } from '../../core/permissions';
import { buildApp } from '../../core/app';
import { parseConfig } from '../../core/config';
import { openDatabase } from '../../core/database';
import { createLogger } from '../../core/logger';
import { builtInPlugins } from '..';

describe('who am I and what may I do', () => {
  const apps: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  const start = async (policy?: PermissionPolicy) => {
    const config = parseConfig({}, { rootDir: process.cwd(), env: {} });
    const app = await buildApp(config, builtInPlugins, { logger: createLogger({ level: 'silent' }), database: await openDatabase('sqlite::memory:'), policy });
    apps.push(app);
    return app;
  };

  it('tells the portal it is talking to the guest of the embedded demo', async () => {
    const app = await start();
    const session = (await app.http.inject({ method: 'GET', url: '/api/auth/session' })).json();
    expect(session).toMatchObject({ signedIn: false, guest: true, user: { entityRef: 'user:default/guest', displayName: 'Guest' } });
    expect((await app.http.inject({ method: 'GET', url: '/api/auth/providers' })).json()).toEqual({ guest: true, providers: [] });
  });

  it('answers permission checks from the policy every route uses', async () => {
    const app = await start({ decide: (_principal, permission, resourceRef) => (permission.name === 'catalog.entity.delete' && resourceRef !== 'component:default/mine' ? 'deny' : 'allow') });
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/permission/authorize',
      payload: {
        items: [
          { id: 'a', permission: 'catalog.entity.read' },
          { id: 'b', permission: 'catalog.entity.delete', resourceRef: 'component:default/theirs' },
          { id: 'c', permission: 'catalog.entity.delete', resourceRef: 'component:default/mine' },
        ],
      },
    });
    expect(res.json()).toEqual({ items: [{ id: 'a', result: 'ALLOW' }, { id: 'b', result: 'DENY' }, { id: 'c', result: 'ALLOW' }] });
    expect((await app.http.inject({ method: 'POST', url: '/api/permission/authorize', payload: { items: [{ id: 'x' }] } })).statusCode).toBe(400);
  });

  it('passes a conditional decision on when no resource is named, and decides it when one is', async () => {
    const owned = { resourceType: 'catalog-entity', conditions: { rule: 'isEntityOwner', params: { claims: ['group:default/team-a'] } } };
    const app = await start({ decide: (_principal, permission) => (permission.name === 'catalog.entity.delete' ? owned : 'allow') });
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/permission/authorize',
      payload: {
        items: [
          { id: 'list', permission: 'catalog.entity.delete' },
          { id: 'one', permission: 'catalog.entity.delete', resourceRef: 'component:default/nobody-owns-this' },
        ],
      },
    });
    expect(res.json().items).toEqual([
      { id: 'list', result: 'CONDITIONAL', ...owned },
      { id: 'one', result: 'DENY' },
    ]);
  });
});
