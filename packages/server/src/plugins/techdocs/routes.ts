import path from 'node:path';
import { stringifyEntityRef } from '@greenroom/model';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DocsBuilds } from './DocsBuilds';
import { techdocsPermissions } from './permissions';
import type { Publisher } from './publisher';

const entityParams = z.object({ namespace: z.string().min(1), kind: z.string().min(1), name: z.string().min(1) });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
};

/** Backstage's TechDocs routes (static files, metadata) plus Greenroom's build status. */
export function registerTechdocsRoutes(http: FastifyInstance, builds: DocsBuilds, publisher: Publisher) {
  const read = { permission: techdocsPermissions.read };
  const prefixOf = (params: unknown) => {
    const { namespace, kind, name } = entityParams.parse(params);
    return [namespace, kind, name].map((part) => part.toLowerCase()).join('/');
  };

  http.get('/static/docs/:namespace/:kind/:name/*', { config: read }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'] || '';
    const wanted = file === '' || file.endsWith('/') ? `${file}index.html` : file;
    const body = await publisher.read(prefixOf(request.params), wanted);
    reply
      .type(TYPES[path.extname(wanted).toLowerCase()] ?? 'application/octet-stream')
      .header('x-content-type-options', 'nosniff')
      // Built pages are sanitised; should one be opened directly, nothing in it may run anyway.
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; style-src 'self' 'unsafe-inline'",
      )
      .header('cache-control', 'no-cache');
    return body;
  });

  http.get('/metadata/techdocs/:namespace/:kind/:name', { config: read }, async (request, reply) => {
    reply.type('application/json; charset=utf-8');
    return publisher.read(prefixOf(request.params), 'techdocs_metadata.json');
  });

  http.get('/status/:namespace/:kind/:name', { config: read }, async (request) => {
    const { namespace, kind, name } = entityParams.parse(request.params);
    const { sourceHash: _hash, ...status } = await builds.status(stringifyEntityRef({ kind, namespace, name }));
    return status;
  });
}
