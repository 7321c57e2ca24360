import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dryRun } from './dryRun';
import type { TemplateAction } from './extensions';
import { scaffolderPermissions as permissions } from './permissions';
import { serializeTask } from './presenters';
import type { ScaffolderService } from './ScaffolderService';
import type { TaskEvents } from './TaskEvents';
import type { TaskStore } from './TaskStore';

const taskStatus = z.enum(['open', 'processing', 'completed', 'failed', 'cancelled']);

const createTaskBody = z.object({
  templateRef: z.string().min(1),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).optional(),
});

const listQuery = z.object({
  createdBy: z.string().min(1).optional(),
  status: z.union([taskStatus, z.array(taskStatus)]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const taskParams = z.object({ taskId: z.string().min(1).max(100) });
const afterQuery = z.object({ after: z.coerce.number().int().min(0).optional() });
const LONG_POLL_MS = 30_000;

const retryBody = z.object({ secrets: z.record(z.string(), z.string()).optional() });

const dryRunBody = z.object({
  template: z.record(z.string(), z.unknown()),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).optional(),
  directoryContents: z.array(z.object({ path: z.string().min(1), base64Content: z.string() })).default([]),
});

export interface ScaffolderRoutesOptions {
  workspaceDir: string;
  service: ScaffolderService;
  store: TaskStore;
  events: TaskEvents;
  actions(): ReadonlyMap<string, TemplateAction>;
}

/** Backstage's scaffolder API at /api/scaffolder/v2 (see docs/api.md). */
export function registerScaffolderRoutes(http: FastifyInstance, options: ScaffolderRoutesOptions) {
  const { service, store, events } = options;

  http.get(
    '/v2/templates/:namespace/:kind/:name/parameter-schema',
    { config: { permission: permissions.templateParameterRead } },
    async (request) => {
      const { namespace, kind, name } = z.object({ namespace: z.string(), kind: z.string(), name: z.string() }).parse(request.params);
      return service.parameterSchema(`${kind}:${namespace}/${name}`);
    },
  );

  http.get('/v2/actions', { config: { permission: permissions.taskRead } }, async () =>
    [...options.actions().values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((action) => ({
        id: action.id,
        description: action.description,
        examples: action.examples ?? [],
        schema: { input: action.schema.input, ...(action.schema.output ? { output: action.schema.output } : {}) },
      })),
  );

  http.post('/v2/tasks', { config: { permission: permissions.taskCreate } }, async (request, reply) => {
    const body = createTaskBody.parse(request.body ?? {});
    request.auditResource = body.templateRef;
    reply.code(201);
    return service.createTask(body, request.principal);
  });

  http.get('/v2/tasks', { config: { permission: permissions.taskRead } }, async (request) => {
    const query = listQuery.parse(request.query);
    const status = query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
    const { rows, total } = await store.list({ createdBy: query.createdBy, status, limit: query.limit, offset: query.offset });
    return { tasks: rows.map(serializeTask), totalTasks: total };
  });

  http.get('/v2/tasks/:taskId', { config: { permission: permissions.taskRead } }, async (request) => {
    const { taskId } = taskParams.parse(request.params);
    return serializeTask(await service.getTask(taskId));
  });

  http.get('/v2/tasks/:taskId/eventstream', { config: { permission: permissions.taskRead } }, async (request, reply) => {
    const { taskId } = taskParams.parse(request.params);
    const { after = 0 } = afterQuery.parse(request.query);
    await service.getTask(taskId);
    // The response's close: the client went away (the request's own close fires once its body is read).
    const closed = new AbortController();
    reply.raw.on('close', () => closed.abort());
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.flushHeaders();
    try {
      for await (const event of events.follow(taskId, after, closed.signal)) {
        reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      }
    } catch (error) {
      request.log.warn({ err: error, taskId }, 'scaffolder event stream ended early');
    } finally {
      reply.raw.end();
    }
  });

  http.get('/v2/tasks/:taskId/events', { config: { permission: permissions.taskRead } }, async (request, reply) => {
    const { taskId } = taskParams.parse(request.params);
    const { after = 0 } = afterQuery.parse(request.query);
    await service.getTask(taskId);
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), LONG_POLL_MS);
    reply.raw.on('close', () => stop.abort());
    try {
      return await events.nextBatch(taskId, after, stop.signal);
    } finally {
      clearTimeout(timer);
    }
  });

  http.post('/v2/tasks/:taskId/cancel', { config: { permission: permissions.taskCancel } }, async (request) => {
    const { taskId } = taskParams.parse(request.params);
    await service.cancel(taskId);
    return { status: 'cancelled' };
  });

  http.post('/v2/tasks/:taskId/retry', { config: { permission: permissions.taskCreate } }, async (request, reply) => {
    const { taskId } = taskParams.parse(request.params);
    const { secrets } = retryBody.parse(request.body ?? {});
    reply.code(201);
    return service.retry(taskId, secrets, request.principal);
  });

  http.post(
    '/v2/dry-run',
    // Template files come inline, base64: allow more than Fastify's 1 MB default.
    { config: { permission: permissions.taskCreate }, bodyLimit: 32 * 1024 * 1024 },
    async (request) => {
      const body = dryRunBody.parse(request.body ?? {});
      return dryRun(body, {
        actions: options.actions(),
        workspaceDir: options.workspaceDir,
        principal: request.principal,
        authorizeActions: (steps, principal) => service.authorizeActions(steps, principal),
        authorizeTemplate: (ref, principal) => service.authorizeTemplate(ref, principal),
      });
    },
  );
}
