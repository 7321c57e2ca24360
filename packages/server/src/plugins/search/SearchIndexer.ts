import type { Logger } from '../../core/logger';
import { yieldToEventLoop } from '../../core/yieldToEventLoop';
import type { SearchIndex } from './engine/SearchIndex';
import type { SearchCollator, SearchDocument } from './extensions';

/** Changes arriving within this window are indexed together. */
const DEBOUNCE_MS = 200;
const REBUILD_BATCH = 500;

/** Keeps the index in step with the collators: a full build when needed, then change by change. */
export class SearchIndexer {
  private readonly pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private rebuilding: Promise<void> | undefined;
  /** Keys changed while a rebuild runs; applied again to the new generation once it is active. */
  private changedDuringRebuild: Map<string, Set<string>> | undefined;
  private readonly unsubscribes: Array<() => void> = [];

  constructor(
    private readonly index: SearchIndex,
    private readonly collators: SearchCollator[],
    private readonly logger: Logger,
  ) {}

  private get types(): string[] {
    return this.collators.map((c) => c.type).sort();
  }

  async start(): Promise<void> {
    // Listen before anything is awaited: other plugins start producing changes (the catalog's first
    // ingestion) while the index loads, and a change missed here would stay missing until it changes again.
    for (const collator of this.collators) {
      if (collator.onChange && collator.byKeys) this.unsubscribes.push(collator.onChange((keys) => this.changed(collator.type, keys)));
    }
    await this.index.init();
    const builtFor = await this.index.state('collators');
    if (builtFor !== this.types.join(',') || (await this.index.documentCount()) === 0) {
      void this.rebuild().catch((error) => this.logger.error({ err: error }, 'search index build failed'));
    }
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    clearTimeout(this.timer);
    await this.flushing;
    await this.rebuilding?.catch(() => undefined);
  }

  /** Builds every collator's documents into a fresh generation and switches to it; one build at a time. */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.buildAll().finally(() => {
      this.rebuilding = undefined;
      // Already cleared after a successful build; after a failed one, stop collecting keys.
      this.changedDuringRebuild = undefined;
    });
    return this.rebuilding;
  }

  private async buildAll(): Promise<void> {
    const started = Date.now();
    await this.serially(async () => {
      this.changedDuringRebuild = new Map();
    });
    const generation = await this.index.nextGeneration();
    let count = 0;
    for (const collator of this.collators) {
      let batch: SearchDocument[] = [];
      for await (const doc of collator.all()) {
        batch.push(doc);
        if (batch.length >= REBUILD_BATCH) {
          await this.index.index(generation, collator.type, batch);
          count += batch.length;
          batch = [];
          // SQLite writes are synchronous: without this, queries wait for the whole rebuild.
          await yieldToEventLoop();
        }
      }
      await this.index.index(generation, collator.type, batch);
      count += batch.length;
    }
    // Switched between two incremental updates, never during one, so none is written to a dropped generation.
    await this.serially(async () => {
      await this.index.activate(generation, this.types);
      // The build may have read a key before a change to it was indexed: index those keys again.
      for (const [type, keys] of this.changedDuringRebuild ?? []) this.changed(type, [...keys]);
      this.changedDuringRebuild = undefined;
    });
    this.logger.info({ documents: count, durationMs: Date.now() - started }, 'search index built');
  }

  private changed(type: string, keys: string[]) {
    if (!keys.length) return;
    let set = this.pending.get(type);
    if (!set) this.pending.set(type, (set = new Set()));
    for (const key of keys) set.add(key);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.serially(() => this.flush()).catch((error) => this.logger.error({ err: error }, 'search index update failed'));
    }, DEBOUNCE_MS);
  }

  /** Runs index writes one after another: incremental updates and the switch to a rebuilt generation. */
  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.flushing.then(work);
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flush(): Promise<void> {
    const work = [...this.pending];
    this.pending.clear();
    const generation = await this.index.generation();
    for (const [type, keySet] of work) {
      const collator = this.collators.find((c) => c.type === type);
      if (!collator?.byKeys) continue;
      const keys = [...keySet];
      if (this.changedDuringRebuild) {
        const noted = this.changedDuringRebuild.get(type) ?? new Set<string>();
        for (const key of keys) noted.add(key);
        this.changedDuringRebuild.set(type, noted);
      }
      const docs = await collator.byKeys(keys);
      const present = docs.filter((d): d is SearchDocument => d !== null);
      await this.index.remove(
        generation,
        type,
        keys.filter((_, i) => docs[i] === null),
      );
      await this.index.index(generation, type, present);
    }
  }
}
