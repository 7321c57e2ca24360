import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { InputError, statusByErrorName } from './errors';
import type { Identity, Principal } from './identity';
import type { Permission, Permissions } from './permissions';
import type { Logger } from './logger';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** The permission every call of this route is authorized against. */
    permission?: Permission;
    /** Marks a route that anyone may call (health checks, static assets). */
    public?: boolean;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission?: string;
  public: boolean;
}

export interface HttpServer {
  app: FastifyInstance;
  /** Every route the server serves, with its permission: the permissions seam, checkable by tests. */
  routes: RouteEntry[];
}

export function createHttpServer(options: {
  logger: Logger;
  identity: Identity;
  permissions: Permissions;
  bodyLimit?: number;
}): HttpServer {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Requests are not logged one by one: at catalog scale that is noise, errors are logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 8 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  });
  const routes: RouteEntry[] = [];

  // Backstage's client sends `Content-Type: application/json` on bodiless DELETEs; an empty
  // JSON body means "no body" (as express.json treats it), anything else must parse.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new InputError(`Malformed JSON body: ${(error as Error).message}`), undefined);
    }
  });

  // The seam: a route that declares neither a permission nor `public` stops the server from starting.
  app.addHook('onRoute', (route) => {
    const config = route.config as { permission?: Permission; public?: boolean } | undefined;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!config?.permission && !config?.public) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no permission and is not marked public`);
    }
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, permission: config.permission?.name, public: Boolean(config.public) });
    }
  });

  app.decorateRequest('principal', undefined as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = await options.identity.resolve(request);
  });
  app.addHook('preHandler', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (permission) await options.permissions.authorize(request.principal, permission);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, name, message } = describeError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(status).send({
      error: { name, message },
      request: { method: request.method, url: request.url },
      response: { statusCode: status },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: { name: 'NotFoundError', message: `No route for ${request.method} ${request.url.split('?')[0]}` },
      request: { method: request.method, url: request.url },
      response: { statusCode: 404 },
    });
  });
  return { app, routes };
}

function describeError(error: FastifyError): { status: number; name: string; message: string } {
  if (error instanceof ZodError) {
    const message = error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`).join('; ');
    return { status: 400, name: 'InputError', message };
  }
  const named = statusByErrorName[error.name];
  if (named) return { status: named, name: error.name, message: error.message };
  // Fastify's own client errors (bad JSON, unsupported media type, body too large) carry a 4xx status.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const name = error.statusCode === 413 ? 'PayloadTooLargeError' : error.statusCode === 404 ? 'NotFoundError' : 'InputError';
    return { status: error.statusCode, name, message: error.message };
  }
  return { status: 500, name: 'Error', message: 'Internal server error' };
}
