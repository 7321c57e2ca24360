import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../server';
import { availableEngines, closeTestDatabases, freshDatabase } from '../testing/databases';
import { parseConfig } from './config';
import type { DatabaseEngine } from './database';
import { createLogger } from './logger';
import type { PermissionPolicy } from './permissions';

const start = async (engine: DatabaseEngine, policy?: PermissionPolicy) =>
  createServer(parseConfig({}, { rootDir: process.cwd(), env: {} }), {
    logger: createLogger({ level: 'silent' }),
    database: await freshDatabase(engine),
    policy,
  });

describe.each(await availableEngines())('the route table on %s', (engine) => {
  afterAll(closeTestDatabases);

  /** docs/api.md is the list of every route with its permission; it must match what the server serves. */
  it('docs/api.md lists exactly the routes the server serves, with their permissions', async () => {
    const doc = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    const documented = doc
      .split('\n')
      .map((line) => /^\| (GET|POST|PUT|DELETE|PATCH) \| (\S+) \| (\S+) \| (yes|no) \|$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(([, method, url, permission, isPublic]) => `${method} ${url} ${isPublic === 'yes' ? 'public' : permission}`)
      .sort();
    const app = await start(engine);
    const served = app.routes.map((r) => `${r.method} ${r.url} ${r.public ? 'public' : r.permission}`).sort();
    await app.close();
    expect(served).toEqual(documented);
  });

  it('every route that is not public asks the policy for its permission and answers 403 when refused', async () => {
    const asked: string[] = [];
    const app = await start(engine, {
      decide: (_principal, permission) => {
        asked.push(permission.name);
        return 'deny';
      },
    });
    const guarded = app.routes.filter((route) => !route.public);
    expect(guarded.length).toBeGreaterThan(30);
    for (const route of guarded) {
      asked.length = 0;
      // Path parameters get a placeholder: the refusal must come before anything is looked up.
      const url = route.url.replace(/:[^/]+/g, 'x').replace('*', 'x');
      const res = await app.http.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(asked, `${route.method} ${route.url}`).toContain(route.permission);
    }
    await app.close();
  });
});
