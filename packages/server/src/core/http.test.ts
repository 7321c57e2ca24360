import { describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { parseConfig } from './config';
import { openDatabase } from './database';
import { createLogger } from './logger';
import { definePlugin } from './plugin';
import { builtInPlugins } from '../plugins';

const config = parseConfig({}, { rootDir: process.cwd(), env: {} });
const silent = createLogger({ level: 'silent' });

describe('the permissions seam', () => {
  it('every route of the server declares a permission or is marked public', async () => {
    const app = await buildApp(config, builtInPlugins, { logger: silent, database: await openDatabase('sqlite::memory:') });
    expect(app.routes.length).toBeGreaterThan(15);
    for (const route of app.routes) {
      expect(route.permission || route.public, `${route.method} ${route.url}`).toBeTruthy();
    }
    // Fastify's own table agrees with ours: every route the seam saw is one Fastify serves.
    for (const route of app.routes) {
      expect(app.http.hasRoute({ method: route.method as 'GET', url: route.url }), `${route.method} ${route.url}`).toBe(true);
    }
    await app.close();
  });

  it('refuses to start when a plugin adds a route without a permission', async () => {
    const careless = definePlugin({
      id: 'careless',
      register(ctx) {
        ctx.http.get('/open', async () => 'oops');
      },
    });
    await expect(buildApp(config, [careless], { logger: silent, database: await openDatabase('sqlite::memory:') })).rejects.toThrow(
      /Plugin "careless" failed to register: Route GET \/api\/careless\/open declares no permission/,
    );
  });

  it('answers 403 with a message when the policy denies, and authorizes with the route permission', async () => {
    const seen: string[] = [];
    const app = await buildApp(config, builtInPlugins, {
      logger: silent,
      database: await openDatabase('sqlite::memory:'),
      policy: {
        decide: (principal, permission) => {
          seen.push(`${principal.type}:${permission.name}`);
          return permission.name === 'catalog.location.delete' ? 'deny' : 'allow';
        },
      },
    });
    const list = await app.http.inject({ method: 'GET', url: '/api/catalog/locations' });
    expect(list.statusCode).toBe(200);
    const del = await app.http.inject({ method: 'DELETE', url: '/api/catalog/locations/x' });
    expect(del.statusCode).toBe(403);
    expect(del.json().error).toEqual({ name: 'NotAllowedError', message: 'guest may not catalog.location.delete' });
    expect(seen).toEqual(['guest:catalog.location.read', 'guest:catalog.location.delete']);
    await app.close();
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const app = await buildApp(config, builtInPlugins, { logger: silent, database: await openDatabase('sqlite::memory:') });
    const res = await app.http.inject({ method: 'GET', url: '/api/nothing/here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.name).toBe('NotFoundError');
    await app.close();
  });
});
