import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ANNOTATION_MANAGED_BY_LOCATION, ANNOTATION_TECHDOCS_REF, stringifyEntityRef, type Entity } from '@greenroom/model';
import fg from 'fast-glob';
import type { EventBus } from '../../core/events';
import type { Logger } from '../../core/logger';
import { yieldToEventLoop } from '../../core/yieldToEventLoop';
import type { CatalogApi } from '../catalog/extensions';
import { buildSite } from './build';
import type { BuildStore } from './BuildStore';
import type { Publisher } from './publisher';

/** `<namespace>/<kind>/<name>`, lower case: where an entity's site is published. */
export const sitePrefix = (entity: Entity) =>
  [entity.metadata.namespace ?? 'default', entity.kind, entity.metadata.name].map((part) => part.toLowerCase()).join('/');

/**
 * Builds documentation in the background, one site at a time, never inside a request. A source
 * whose content hash has not changed since its last good build is not built again; a failed build
 * keeps the last good site.
 */
export class DocsBuilds {
  private readonly pending = new Set<string>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      catalog: () => CatalogApi;
      store: BuildStore;
      publisher: Publisher;
      fileRoots: string[];
      events: EventBus;
      logger: Logger;
    },
  ) {}

  /** Queues builds for these entities; those without documentation are skipped when their turn comes. */
  queue(refs: string[]): void {
    for (const ref of refs) {
      if (this.pending.has(ref)) continue;
      this.pending.add(ref);
      this.running = this.running.then(async () => {
        this.pending.delete(ref);
        await this.build(ref).catch((error: unknown) => this.deps.logger.error({ err: error, entityRef: ref }, 'docs build failed'));
        await yieldToEventLoop();
      });
    }
  }

  /** Queues builds for the entities `load` finds, in turn with the builds already queued. */
  queueFrom(load: () => Promise<string[]>): void {
    this.running = this.running.then(async () => this.queue(await load())).catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'listing documented entities failed');
    });
  }

  /** Resolves once every queued build has run (tests, the browser-test launcher). */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.running) {
      seen = this.running;
      await seen;
    }
  }

  private async build(ref: string): Promise<void> {
    const { store, publisher, events } = this.deps;
    const entity = await this.deps.catalog().getEntityByRef(ref);
    if (!entity?.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]) return;
    const entityRef = stringifyEntityRef(entity);
    const source = await this.sourceDir(entity);
    if ('problem' in source) {
      await store.set(entityRef, { state: 'failed', error: source.problem });
      return;
    }
    const hash = await hashTree(source.dir);
    const last = await store.get(entityRef);
    if (last.state === 'built' && last.sourceHash === hash) return;
    await store.set(entityRef, { state: 'building' });
    try {
      const site = await buildSite(source.dir);
      await publisher.publish(sitePrefix(entity), site);
      await store.set(entityRef, { state: 'built', sourceHash: hash, builtAt: new Date().toISOString(), warnings: site.warnings, error: null });
      events.publish('docs.built', { entityRef, pages: site.pageCount });
    } catch (error) {
      await store.set(entityRef, { state: 'failed', error: (error as Error).message });
    }
  }

  /** `dir:<path>` relative to the catalog file the entity came from, inside the configured file roots. */
  private async sourceDir(entity: Entity): Promise<{ dir: string } | { problem: string }> {
    const ref = entity.metadata.annotations![ANNOTATION_TECHDOCS_REF];
    const location = entity.metadata.annotations?.[ANNOTATION_MANAGED_BY_LOCATION] ?? '';
    if (!ref.startsWith('dir:')) return { problem: `${ANNOTATION_TECHDOCS_REF} "${ref}": only dir: sources are built so far` };
    if (!location.startsWith('file:')) {
      return { problem: `${ANNOTATION_TECHDOCS_REF} "${ref}": dir: is resolved against file locations only so far (this entity comes from ${location || 'nowhere'})` };
    }
    const dir = path.resolve(path.dirname(location.slice('file:'.length)), ref.slice('dir:'.length));
    const real = await realpath(dir).catch(() => undefined);
    if (!real) return { problem: `${ANNOTATION_TECHDOCS_REF} "${ref}": ${dir} does not exist` };
    const roots = await Promise.all(this.deps.fileRoots.map((root) => realpath(root).catch(() => root)));
    if (!roots.some((root) => real === root || real.startsWith(root + path.sep))) {
      return { problem: `${ANNOTATION_TECHDOCS_REF} "${ref}": ${dir} is outside the configured reading.fileRoots` };
    }
    return { dir: real };
  }
}

/** A hash of every file's path and content under the documentation folder. */
async function hashTree(dir: string): Promise<string> {
  const files = (await fg('**/*', { cwd: dir, onlyFiles: true, dot: false, ignore: ['**/node_modules/**', 'site/**'] })).sort();
  const hash = createHash('sha1');
  for (const file of files) hash.update(file).update('\0').update(await readFile(path.join(dir, file))).update('\0');
  return hash.digest('hex');
}
