import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { ZodError } from 'zod';
import type { Auditor } from './audit';
import { AuthenticationError, InputError, NotAllowedError, statusByErrorName } from './errors';
import type { Identity, Principal } from './identity';
import type { Permission, Permissions } from './permissions';
import type { Logger } from './logger';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The resource a state-changing route acted on, for the audit log (set by the handler). */
    auditResource?: string;
  }
  interface FastifyContextConfig {
    /** The permission every call of this route is authorized against. */
    permission?: Permission;
    /** Marks a route that anyone may call (health checks, static assets). */
    public?: boolean;
    /** `false` on POST routes that only read (queries, batch lookups): they are not audited. */
    audit?: false;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

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
  auditor?: Auditor;
  /** Signs short-lived cookies (the sign-in transaction); random per process when absent. */
  cookieSecret?: string;
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

  // Cookies are parsed by the identity hook below, first thing on every request (session cookies).
  void app.register(fastifyCookie, { secret: options.cookieSecret ?? randomBytes(32).toString('hex'), hook: false });
  app.decorateRequest('principal', undefined as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.cookies = app.parseCookie(request.headers.cookie ?? '');
    request.principal = await options.identity.resolve(request);
  });
  app.addHook('preHandler', async (request) => {
    const { permission, public: isPublic } = request.routeOptions.config;
    const { principal } = request;
    if (!isPublic && principal.type === 'anonymous') throw new AuthenticationError('Sign in to use this API (no session or access token)');
    // A cookie rides along with any cross-site request; the CSRF token, readable only by our pages, does not.
    if (principal.session && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== principal.session.csrfToken) {
      throw new NotAllowedError(`This request needs the ${CSRF_HEADER} header of your session (cross-site request refused)`);
    }
    if (permission) await options.permissions.authorize(principal, permission);
  });

  // Every state-changing request is audited, and every refusal, whatever the method.
  app.addHook('onResponse', async (request, reply) => {
    const { auditor } = options;
    const config = request.routeOptions.config;
    const refused = reply.statusCode === 401 || reply.statusCode === 403;
    if (!auditor || !request.principal || !request.routeOptions.url) return;
    if (!refused && (SAFE_METHODS.has(request.method) || config.audit === false)) return;
    const params = Object.values((request.params ?? {}) as Record<string, string>).filter(Boolean);
    auditor.record(request.principal, {
      action: config.permission?.name ?? `${request.method} ${request.routeOptions.url}`,
      resource: request.auditResource ?? (params.length ? params.join('/') : undefined),
      outcome: refused ? 'denied' : reply.statusCode >= 400 ? 'failed' : 'allowed',
      details: { method: request.method, path: request.url.split('?')[0], status: reply.statusCode },
    });
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
