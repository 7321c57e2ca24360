import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from './http';
import { guestIdentity } from './identity';
import { createLogger } from './logger';
import { createPermissions } from './permissions';
import { serveWebApp } from './web';

async function webServer(distDir: string) {
  const { app } = createHttpServer({
    logger: createLogger({ level: 'silent' }),
    identity: guestIdentity,
    permissions: createPermissions(),
  });
  await serveWebApp(app, distDir);
  await app.ready();
  return app;
}

describe('the web app route', () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'greenroom-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<html>portal</html>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(dist), 'secret.txt'), 'do not serve');

  it('serves assets, and the app for deep links so bookmarks load', async () => {
    const app = await webServer(dist);
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    const deep = await app.inject({ method: 'GET', url: '/catalog/default/component/orders?tab=api' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe('<html>portal</html>');
    await app.close();
  });

  it('serves assets precompressed and cacheable for good, and the page itself revalidated', async () => {
    writeFileSync(path.join(dist, 'assets', 'app.js.gz'), gzipSync('console.log(1)'));
    const app = await webServer(dist);
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(asset.rawPayload).toString()).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const plain = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    const page = await app.inject({ method: 'GET', url: '/catalog' });
    expect(page.headers['cache-control']).toBe('public, max-age=0');
    await app.close();
  });

  it('never serves files outside the build, whatever the path encoding', async () => {
    const app = await webServer(dist);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('do not serve');
    }
    const malformed = await app.inject({ method: 'GET', url: '/%E0%A4%A' });
    expect(malformed.statusCode).toBe(400);
    await app.close();
  });

  it('answers unknown API paths with JSON, and explains a missing build', async () => {
    const app = await webServer(dist);
    const api = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.name).toBe('NotFoundError');
    await app.close();
    const unbuilt = await webServer(path.join(dist, 'missing'));
    const res = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/npm run build/);
    await unbuilt.close();
  });
});
