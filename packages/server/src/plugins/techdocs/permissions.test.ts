import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type GreenroomApp } from '../../core/app';
import { parseConfig } from '../../core/config';
import { openDatabase } from '../../core/database';
import { createLogger } from '../../core/logger';
import { builtInPlugins } from '..';

describe('TechDocs permissions', () => {
  let app: GreenroomApp;
  afterAll(() => app?.close());

  it('asks for catalog.entity.read on every route, and answers 403 when the policy denies it', async () => {
    const asked: string[] = [];
    app = await buildApp(parseConfig({}, { rootDir: '/nonexistent', env: {} }), builtInPlugins, {
      logger: createLogger({ level: 'silent' }),
      database: await openDatabase('sqlite::memory:'),
      policy: {
        decide: (_principal, permission) => {
          asked.push(permission.name);
          return permission.name === 'catalog.entity.read' ? 'deny' : 'allow';
        },
      },
    });
    const routes = [
      '/api/techdocs/static/docs/default/component/shop/index.html',
      '/api/techdocs/metadata/techdocs/default/component/shop',
      '/api/techdocs/metadata/entity/default/component/shop',
      '/api/techdocs/status/default/component/shop',
      '/api/techdocs/sync/default/component/shop',
      '/api/techdocs/entities',
    ];
    for (const url of routes) {
      const res = await app.http.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 403 });
    }
    expect(asked).toEqual(routes.map(() => 'catalog.entity.read'));
  });
});
