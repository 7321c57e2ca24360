import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ANNOTATION_TECHDOCS_REF, parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import fg from 'fast-glob';
import type { EventBus } from '../../core/events';
import type { Logger } from '../../core/logger';
import { yieldToEventLoop } from '../../core/yieldToEventLoop';
import type { CatalogApi } from '../catalog/extensions';
import { buildSite } from './build';
import type { BuildStatus, BuildStore } from './BuildStore';
import { resolveDocsSource, type DocsSourceDeps } from './docsSource';
import type { Publisher } from './publisher';

/** `<namespace>/<kind>/<name>`, lower case: where an entity's site is published. */
export const sitePrefix = (entity: Entity) => prefixOfRef(stringifyEntityRef(entity));

const prefixOfRef = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return [namespace ?? 'default', kind, name].map((part) => part.toLowerCase()).join('/');
};

/**
 * Builds documentation in the background, at most `concurrency` sites at a time, never inside a
 * request. A source whose content hash has not changed since its last good build is not built
 * again; a failed build keeps the last good site.
 */
export class DocsBuilds {
  /** Refs waiting for their turn, in order; a ref is never waiting twice. */
  private readonly waiting: string[] = [];
  private readonly running = new Set<string>();
  private loading = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly deps: DocsSourceDeps & {
      catalog: () => CatalogApi;
      store: BuildStore;
      publisher: Publisher;
      events: EventBus;
      logger: Logger;
      concurrency: number;
    },
  ) {}

  /** Queues builds for these entities; those without documentation are skipped when their turn comes. */
  queue(refs: string[]): void {
    // Refs are compared lower-case, as the catalog keys them, so one site is never built twice at once.
    for (const ref of refs.map((r) => r.toLowerCase())) if (!this.waiting.includes(ref)) this.waiting.push(ref);
    this.startNext();
  }

  /** Queues builds for the entities `load` finds. */
  queueFrom(load: () => Promise<string[]>): void {
    this.loading += 1;
    load()
      .then((refs) => this.queue(refs))
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'listing documented entities failed'))
      .finally(() => {
        this.loading -= 1;
        this.settle();
      });
  }

  /** 'queued' or 'building' while this server has the entity's build in hand. */
  pendingState(ref: string): 'queued' | 'building' | undefined {
    const key = ref.toLowerCase();
    if (this.running.has(key)) return 'building';
    return this.waiting.includes(key) ? 'queued' : undefined;
  }

  /**
   * The status to show: a site never built reads 'queued' while its first build waits here. A built
   * one keeps reading 'built' while queued, since most queued builds find their source unchanged.
   */
  async status(ref: string): Promise<BuildStatus> {
    return this.withPending(ref, await this.deps.store.get(ref));
  }

  withPending(ref: string, status: BuildStatus): BuildStatus {
    const pending = status.state === 'none' ? this.pendingState(ref) : undefined;
    return pending ? { ...status, state: pending } : status;
  }

  /** Queues a build of one entity and resolves when it has run (or found its source unchanged). */
  async whenBuilt(ref: string): Promise<void> {
    const key = ref.toLowerCase();
    this.queue([key]);
    while (this.waiting.includes(key) || this.running.has(key)) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Resolves once every queued build has run (tests, the browser-test launcher). */
  async idle(): Promise<void> {
    while (this.loading > 0 || this.running.size > 0 || this.waiting.length > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private startNext(): void {
    while (this.running.size < this.deps.concurrency) {
      // A ref changed again while it builds waits for that build to end: one build per site at a time.
      const index = this.waiting.findIndex((ref) => !this.running.has(ref));
      if (index < 0) break;
      const [ref] = this.waiting.splice(index, 1);
      this.running.add(ref);
      void this.build(ref)
        .catch((error: unknown) => this.deps.logger.error({ err: error, entityRef: ref }, 'docs build failed'))
        // Let requests in between builds.
        .then(() => yieldToEventLoop())
        .finally(() => {
          this.running.delete(ref);
          this.startNext();
          this.settle();
        });
    }
    this.settle();
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private async build(ref: string): Promise<void> {
    const { store, publisher, events } = this.deps;
    const entity = await this.deps.catalog().getEntityByRef(ref);
    if (!entity?.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]) {
      // Gone from the catalog, or no longer documented: its site and status go too.
      if ((await store.get(ref)).state !== 'none') {
        await publisher.remove(prefixOfRef(ref));
        await store.delete(ref);
      }
      return;
    }
    const entityRef = stringifyEntityRef(entity);
    const source = await resolveDocsSource(entity, this.deps);
    if ('problem' in source) {
      await store.set(entityRef, { state: 'failed', error: source.problem });
      return;
    }
    try {
      const hash = await hashTree(source.dir);
      const last = await store.get(entityRef);
      if (last.builtAt && last.sourceHash === hash && (await publisher.exists(sitePrefix(entity), 'techdocs_metadata.json'))) {
        // The published site is this source's: nothing to build, and a failure since (an unreachable repository) is over.
        if (last.state !== 'built') await store.set(entityRef, { state: 'built', error: null });
        return;
      }
      await store.set(entityRef, { state: 'building' });
      try {
        const site = await buildSite(source.dir);
        await publisher.publish(sitePrefix(entity), site);
        await store.set(entityRef, {
          state: 'built',
          sourceHash: hash,
          builtAt: new Date().toISOString(),
          warnings: site.warnings,
          error: null,
        });
        events.publish('docs.built', { entityRef, pages: site.pageCount });
      } catch (error) {
        await store.set(entityRef, { state: 'failed', error: (error as Error).message });
      }
    } finally {
      await source.release();
    }
  }
}

/** A hash of every file's path and content under the documentation folder. */
async function hashTree(dir: string): Promise<string> {
  const files = (await fg('**/*', { cwd: dir, onlyFiles: true, dot: false, ignore: ['**/node_modules/**', 'site/**'] })).sort();
  const hash = createHash('sha1');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(dir, file)))
      .update('\0');
  return hash.digest('hex');
}
