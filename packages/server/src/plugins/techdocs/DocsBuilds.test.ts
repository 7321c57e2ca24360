import type { Entity } from '@greenroom/model';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../core/events';
import { createLogger } from '../../core/logger';
import type { CatalogApi } from '../catalog/extensions';
import type { BuildStatus, BuildStore } from './BuildStore';
import { DocsBuilds } from './DocsBuilds';
import type { Publisher } from './publisher';

/** A queue whose builds hang on the catalog lookup until the test lets each one go. */
function setup(concurrency: number, stored: Record<string, BuildStatus> = {}) {
  const lookups: Array<{ ref: string; release: () => void }> = [];
  const catalog = {
    getEntityByRef: (ref: string) =>
      new Promise<Entity | undefined>((resolve) => {
        // Resolving with no entity ends the build at once: the queue is what is under test.
        lookups.push({ ref, release: () => resolve(undefined) });
      }),
  } as unknown as CatalogApi;
  const store = { get: async (ref: string) => stored[ref] ?? { state: 'none', warnings: [] } } as unknown as BuildStore;
  const builds = new DocsBuilds({
    catalog: () => catalog,
    store,
    publisher: {} as Publisher,
    events: createEventBus(() => undefined),
    logger: createLogger({ level: 'silent' }),
    reader: {} as never,
    fileRoots: [],
    workDir: '/nonexistent',
    concurrency,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { builds, lookups, settle };
}

describe('DocsBuilds queue', () => {
  it('runs at most `concurrency` builds, one per site, and reports queued and building', async () => {
    const { builds, lookups, settle } = setup(2, { 'component:default/c': { state: 'built', builtAt: 'x', warnings: [] } });
    builds.queue(['component:default/a', 'component:default/b', 'component:default/c', 'component:default/a']);
    await settle();
    expect(lookups.map((l) => l.ref)).toEqual(['component:default/a', 'component:default/b']);
    expect(builds.pendingState('component:default/a')).toBe('building');
    expect(builds.pendingState('component:default/c')).toBe('queued');
    // A site never built reads 'queued'; a built one keeps reading 'built' while its check waits.
    expect((await builds.status('component:default/c')).state).toBe('built');
    builds.queue(['Component:default/A', 'component:default/d']);
    expect((await builds.status('component:default/d')).state).toBe('queued');

    // `a` was queued again while it builds: it waits for its own build to end rather than running twice.
    lookups[0].release();
    await settle();
    expect(lookups.map((l) => l.ref)).toEqual(['component:default/a', 'component:default/b', 'component:default/c']);
    lookups[1].release();
    await settle();
    expect(lookups.map((l) => l.ref).slice(3)).toEqual(['component:default/a']);

    let idle = false;
    void builds.idle().then(() => (idle = true));
    for (let i = 2; i < 5; i += 1) {
      await settle();
      lookups[i]?.release();
    }
    await settle();
    expect(lookups).toHaveLength(5);
    expect(idle).toBe(true);
    expect(builds.pendingState('component:default/a')).toBeUndefined();
  });
});
