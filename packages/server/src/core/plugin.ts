import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Auditor } from './audit';
import type { Config } from './config';
import type { Database } from './database';
import type { EventBus } from './events';
import type { Logger } from './logger';
import type { Permissions } from './permissions';
import type { UrlReader } from './reader';
import type { Scheduler } from './scheduler';

/** A typed token other plugins contribute values to; its owner reads them in onStart. */
export interface ExtensionPoint<T> {
  readonly id: string;
  /** Carries the contribution type only; never set. */
  readonly _type?: T;
}

export function extensionPoint<T>(id: string): ExtensionPoint<T> {
  return { id };
}

/** Everything a plugin may touch. It is scoped: a tagged logger, a router at /api/<id>. */
export interface PluginContext {
  id: string;
  config: Config;
  logger: Logger;
  /** The server's database; a plugin touches only its own tables (prefixed with its id). */
  database: Database;
  /** A Fastify child mounted at /api/<id>; every route declares `config.permission` or `config.public`. */
  http: FastifyInstance;
  reader: UrlReader;
  permissions: Permissions;
  /** Records state-changing actions the routes' hook cannot see (sign-in, tokens, task runs). */
  audit: Auditor;
  events: EventBus;
  scheduler: Scheduler;
  contribute<T>(point: ExtensionPoint<T>, value: T): void;
  contributions<T>(point: ExtensionPoint<T>): T[];
  /** Runs after every plugin registered, before the server listens. */
  onStart(hook: () => Promise<void> | void): void;
  onStop(hook: () => Promise<void> | void): void;
}

export interface Plugin {
  id: string;
  migrations?: Record<string, Migration>;
  register(ctx: PluginContext): void | Promise<void>;
}

export function definePlugin(plugin: Plugin): Plugin {
  if (!/^[a-z][a-z0-9-]*$/.test(plugin.id)) throw new Error(`Plugin id "${plugin.id}" must be lowercase kebab-case`);
  return plugin;
}
