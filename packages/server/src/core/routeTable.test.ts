import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServer } from '../server';
import { parseConfig } from './config';
import { openDatabase } from './database';
import { createLogger } from './logger';

/** docs/api.md is the list of every route with its permission; it must match what the server serves. */
describe('docs/api.md', () => {
  it('lists exactly the routes the server serves, with their permissions', async () => {
    const doc = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    const documented = doc
      .split('\n')
      .map((line) => /^\| (GET|POST|PUT|DELETE|PATCH) \| (\S+) \| (\S+) \| (yes|no) \|$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(([, method, url, permission, isPublic]) => `${method} ${url} ${isPublic === 'yes' ? 'public' : permission}`)
      .sort();
    const config = parseConfig({}, { rootDir: process.cwd(), env: {} });
    const app = await createServer(config, { logger: createLogger({ level: 'silent' }), database: await openDatabase('sqlite::memory:') });
    const served = app.routes.map((r) => `${r.method} ${r.url} ${r.public ? 'public' : r.permission}`).sort();
    await app.close();
    expect(served).toEqual(documented);
  });
});
