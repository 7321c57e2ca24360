import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web app at `/`: real files (assets) as they are, and the SPA's
 * index.html for any other non-API path so deep links (/catalog/default/component/x) load the app.
 */
export async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const built = existsSync(path.join(distDir, 'index.html'));
  // `serve: false`: we route ourselves so the route declares itself public, like every route must.
  // preCompressed: the build writes .br/.gz beside each asset, so nothing is compressed per request.
  if (built) await app.register(fastifyStatic, { root: distDir, serve: false, preCompressed: true });
  app.get('/*', { config: { public: true } }, (request, reply) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(request.url.split('?')[0]);
    } catch {
      return reply.code(400).send({ error: { name: 'InputError', message: 'Malformed URL' } });
    }
    if (urlPath.startsWith('/api/')) {
      return reply.code(404).send({ error: { name: 'NotFoundError', message: `No route for ${request.method} ${urlPath}` } });
    }
    if (!built) {
      return reply.code(503).type('text/plain').send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    }
    const file = path.join(distDir, path.normalize(urlPath));
    if (file.startsWith(distDir + path.sep) && existsSync(file) && statSync(file).isFile()) {
      const relative = path.relative(distDir, file);
      // Vite puts a content hash in every asset's name: a browser may keep them for good.
      const hashed = relative.startsWith(`assets${path.sep}`);
      return reply.sendFile(relative, hashed ? { maxAge: '365d', immutable: true } : { maxAge: 0 });
    }
    // index.html names the current assets, so it must be asked for again on every visit.
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}
