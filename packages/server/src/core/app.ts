import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { auditSinks, createAuditor } from './audit';
import { isGuestMode, type Config } from './config';
import { migratePlugin, openDatabase, type Database } from './database';
import { createEventBus } from './events';
import { createHttpServer, type RouteEntry } from './http';
import { createIdentity, credentialResolvers, type Identity } from './identity';
import { createLogger, type Logger } from './logger';
import { createPermissions, type PermissionPolicy } from './permissions';
import { createConfigPolicy } from './policy';
import type { ExtensionPoint, Plugin, PluginContext } from './plugin';
import { createUrlReader } from './reader';
import { createScheduler } from './scheduler';

export interface GreenroomApp {
  http: FastifyInstance;
  routes: RouteEntry[];
  database: Database;
  logger: Logger;
  /** Runs every plugin's onStart hooks (ingestion, schedules). */
  start(): Promise<void>;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface BuildAppOptions {
  logger?: Logger;
  /** Use an already open database (tests pass a fresh one per test). */
  database?: Database;
  /** Replaces the identity the auth plugin provides (tests impersonate callers with it). */
  identity?: Identity;
  /** Replaces the policy of the config's `permission` section. */
  policy?: PermissionPolicy;
  /** Routes outside the plugins (the web app), registered after them. */
  extraRoutes?: (app: FastifyInstance) => Promise<void>;
}

/** Wires the core services and an explicit list of plugins. Does not listen: tests use `http.inject()`. */
export async function buildApp(config: Config, plugins: Plugin[], options: BuildAppOptions = {}): Promise<GreenroomApp> {
  const logger = options.logger ?? createLogger();
  const database =
    options.database ??
    (await openDatabase(config.database.url, {
      rootDir: config.rootDir,
      onSlowQuery: (sql, durationMs) => logger.warn({ sql: sql.slice(0, 500), durationMs }, 'slow query'),
    }));
  const permissions = createPermissions(options.policy ?? (config.permission ? createConfigPolicy(config.permission) : undefined));
  const events = createEventBus((topic, error) => logger.error({ err: error, topic }, 'event handler failed'));
  const scheduler = createScheduler((id, error) => logger.error({ err: error, task: id }, 'scheduled task failed'));
  const reader = createUrlReader({
    allowedHosts: config.reading.allow,
    gitHosts: config.reading.gitHosts,
    fileRoots: config.reading.fileRoots,
    cacheDir: path.join(config.dataDir, 'git'),
    timeoutMs: config.reading.timeoutMs,
    maxBytes: config.reading.maxBytes,
    gitFetchIntervalMs: config.reading.gitFetchIntervalMs,
  });
  const contributions = new Map<string, unknown[]>();
  const contributionsOf = <T>(point: ExtensionPoint<T>) => (contributions.get(point.id) ?? []) as T[];
  const identity =
    options.identity ?? createIdentity({ guest: isGuestMode(config), resolvers: () => contributionsOf(credentialResolvers) });
  const auditor = createAuditor(() => contributionsOf(auditSinks), logger);
  const { app, routes } = createHttpServer({ logger, identity, permissions, auditor, cookieSecret: config.auth.session.secret });

  const startHooks: Array<() => Promise<void> | void> = [];
  const stopHooks: Array<() => Promise<void> | void> = [];

  for (const plugin of plugins) {
    try {
      if (plugin.migrations) await migratePlugin(database, plugin.id, plugin.migrations);
      await app.register(
        async (child) => {
          const ctx: PluginContext = {
            id: plugin.id,
            config,
            logger: logger.child({ plugin: plugin.id }),
            database,
            http: child,
            reader,
            permissions,
            audit: auditor,
            events,
            scheduler,
            contribute<T>(point: ExtensionPoint<T>, value: T) {
              const list = contributions.get(point.id) ?? [];
              list.push(value);
              contributions.set(point.id, list);
            },
            contributions: contributionsOf,
            onStart: (hook) => startHooks.push(hook),
            onStop: (hook) => stopHooks.push(hook),
          };
          await plugin.register(ctx);
        },
        { prefix: `/api/${plugin.id}` },
      );
    } catch (error) {
      throw new Error(`Plugin "${plugin.id}" failed to register: ${(error as Error).message}`, { cause: error });
    }
  }
  if (options.extraRoutes) await options.extraRoutes(app);
  await app.ready();

  let closed = false;
  return {
    http: app,
    routes,
    database,
    logger,
    async start() {
      for (const hook of startHooks) await hook();
    },
    async listen() {
      return app.listen({ port: config.server.port, host: config.server.host });
    },
    async close() {
      if (closed) return;
      closed = true;
      await scheduler.stop();
      for (const hook of stopHooks.reverse()) await hook();
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
