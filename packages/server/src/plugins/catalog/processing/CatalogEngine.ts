import type { Entity, EntityProblem, EntityStatusItem } from '@greenroom/model';
import { formatProblem } from '@greenroom/model';
import type { LocationConfig } from '../../../core/config';
import { ConflictError, NotFoundError } from '../../../core/errors';
import { yieldToEventLoop } from '../../../core/yieldToEventLoop';
import type { EventBus, EventMap } from '../../../core/events';
import type { Logger } from '../../../core/logger';
import type { UrlReader } from '../../../core/reader';
import type { EntityWriter, EmittedEntity } from '../store/EntityWriter';
import type { LocationStore, StoredLocation } from '../store/LocationStore';
import type { Stitcher } from '../store/Stitcher';
import type { YamlParser } from './yamlWorker';
import { walkLocation, type LocationType, type ProcessingSettings } from './walkLocation';

const BATCH_SIZE = 2000;
/** A first import that grows past this many entities continues as a bulk load. */
const BULK_LOAD_AFTER = 20_000;
const PROCESSING_ERROR = 'backstage.io/catalog-processing';

export interface ProcessingSummary {
  locationId: string;
  added: number;
  updated: number;
  orphaned: number;
  errors: EntityProblem[];
  durationMs: number;
}

/**
 * Runs the catalog's data flow for registered locations: read → parse → validate →
 * process → store in batches → stitch → publish `entity.changed`. One location is
 * processed at a time, so two locations can never race for the same entity ref.
 */
export class CatalogEngine {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      locations: LocationStore;
      writer: EntityWriter;
      stitcher: Stitcher;
      reader: UrlReader;
      /** Processing settings for a location: global rules plus the location's own, from config. */
      settingsFor: (location: { type: string; target: string }) => ProcessingSettings;
      events: EventBus;
      logger: Logger;
      onChanged?: () => void;
      /** Parses YAML off the main thread during processing. */
      parser?: YamlParser;
    },
  ) {}

  /** Tells readers' caches first (synchronously, so no stale answer follows a write), then other plugins. */
  private changed(change: EventMap['entity.changed']) {
    this.deps.onChanged?.();
    this.deps.events.publish('entity.changed', change);
  }

  /** Serialises work on the catalog's write path. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Makes the stored config locations match greenroom.yaml, in config order. */
  async syncConfigLocations(configured: LocationConfig[]): Promise<void> {
    const existing = (await this.deps.locations.list()).filter((l) => l.origin === 'config');
    const wanted = new Set(configured.map((c) => `${c.type}:${c.target}`));
    for (const stale of existing.filter((l) => !wanted.has(`${l.type}:${l.target}`))) {
      await this.removeLocation(stale.id);
    }
    for (const [index, loc] of configured.entries()) {
      const found = await this.deps.locations.findByTarget(loc.type, loc.target);
      if (!found)
        await this.deps.locations.create({ type: loc.type, target: loc.target, origin: 'config', position: index - configured.length });
      else if (found.origin === 'config') await this.deps.locations.setPosition(found.id, index - configured.length);
    }
  }

  async refreshAll(): Promise<ProcessingSummary[]> {
    const summaries: ProcessingSummary[] = [];
    for (const location of await this.deps.locations.list()) summaries.push(await this.refreshLocation(location.id));
    return summaries;
  }

  refreshLocation(id: string, options: { force?: boolean } = {}): Promise<ProcessingSummary> {
    return this.exclusive(async () => {
      const location = await this.deps.locations.get(id);
      if (!location) return { locationId: id, added: 0, updated: 0, orphaned: 0, errors: [], durationMs: 0 };
      return this.process(location, options.force ?? false);
    });
  }

  removeLocation(id: string): Promise<string[]> {
    return this.exclusive(async () => {
      const removed = await this.deps.writer.deleteEntities({ locationId: id });
      await this.deps.locations.remove(id);
      await this.deps.stitcher.stitchPending();
      if (removed.length) this.changed({ added: [], updated: [], removed });
      return removed;
    });
  }

  /**
   * Points a location at a new target, keeping its id. The old target's entities go (the
   * location entity's name derives from the target); a target that is already registered
   * is refused before anything changes.
   */
  moveLocation(id: string, to: { type: LocationType; target: string }): Promise<StoredLocation> {
    return this.exclusive(async () => {
      const { locations, writer, stitcher } = this.deps;
      const location = await locations.get(id);
      if (!location) throw new NotFoundError(`No location with id ${id}`);
      if (location.type === to.type && location.target === to.target) return location;
      if (await locations.findByTarget(to.type, to.target)) throw new ConflictError(`Location ${to.type}:${to.target} already exists`);
      const removed = await writer.deleteEntities({ locationId: id });
      await locations.retarget(id, to);
      await stitcher.stitchPending();
      if (removed.length) this.changed({ added: [], updated: [], removed });
      const moved = (await locations.get(id))!;
      await this.process(moved, true);
      return (await locations.get(id))!;
    });
  }

  deleteEntity(id: number): Promise<string[]> {
    return this.exclusive(async () => {
      const removed = await this.deps.writer.deleteEntities({ ids: [id] });
      await this.deps.stitcher.stitchPending();
      if (removed.length) this.changed({ added: [], updated: [], removed });
      return removed;
    });
  }

  /** What registering `location` would produce, without writing anything. */
  async dryRun(location: { type: LocationType; target: string }): Promise<{ entities: Entity[]; errors: EntityProblem[] }> {
    const entities: Entity[] = [];
    const errors: EntityProblem[] = [];
    for await (const event of walkLocation({ location, reader: this.deps.reader, settings: this.deps.settingsFor(location) })) {
      if (event.type === 'entity') entities.push(event.emitted.entity);
      if (event.type === 'problem') errors.push(event.problem);
    }
    return { entities, errors };
  }

  private async process(location: StoredLocation, force: boolean): Promise<ProcessingSummary> {
    const started = Date.now();
    const { writer, locations, stitcher } = this.deps;
    const keepRefs = new Set<string>();
    const keepSources = new Set<string>();
    const unchangedSources = new Set<string>();
    let failedSources = 0;
    const processedSources: Array<{ key: string; hash: string; deps: unknown }> = [];
    const problems: EntityProblem[] = [];
    const entityErrors = new Map<string, EntityStatusItem[]>();
    const added: string[] = [];
    const updated: string[] = [];
    let batch: EmittedEntity[] = [];
    const firstImport = (await writer.countForLocation(location.id)) === 0;
    let bulkLoad = false;

    const flush = async () => {
      await yieldToEventLoop();
      if (firstImport && !bulkLoad && added.length >= BULK_LOAD_AFTER) {
        await writer.beginBulkLoad();
        bulkLoad = true;
      }
      const result = await writer.applyBatch(location.id, batch);
      batch = [];
      added.push(...result.added);
      updated.push(...result.updated);
      for (const conflict of result.conflicts) {
        const owner = await locations.get(conflict.ownerLocationId);
        problems.push({
          file: `${location.type}:${location.target}`,
          entityRef: conflict.ref,
          message: `${conflict.ref} is already provided by location ${owner ? `${owner.type}:${owner.target}` : conflict.ownerLocationId}; this second claim is refused`,
        });
      }
    };

    const walk = walkLocation({
      location: { type: location.type as LocationType, target: location.target },
      reader: this.deps.reader,
      settings: this.deps.settingsFor(location),
      cachedSources: await locations.cachedSources(location.id),
      storedLocationEntities: (key) => locations.locationEntitiesOfSource(location.id, key),
      force,
      parser: this.deps.parser,
    });
    try {
      for await (const event of walk) {
        if (event.type === 'entity') {
          keepRefs.add(event.emitted.ref);
          batch.push(event.emitted);
          if (batch.length >= BATCH_SIZE) await flush();
        } else if (event.type === 'problem') {
          problems.push(event.problem);
          const ref = event.problem.entityRef;
          if (ref) {
            keepRefs.add(ref);
            const items = entityErrors.get(ref) ?? [];
            items.push(statusItem(event.problem));
            entityErrors.set(ref, items);
          }
        } else if (event.type === 'source-kept') {
          keepSources.add(event.key);
          if (event.reason === 'unchanged') unchangedSources.add(event.key);
          else failedSources++;
        } else {
          processedSources.push(event);
        }
      }
      await flush();
    } finally {
      if (bulkLoad) await writer.endBulkLoad();
    }

    const storedWithErrors = new Set<string>();
    for (const [ref, items] of entityErrors) if (await writer.setErrors(ref, items, location.id)) storedWithErrors.add(ref);
    // Problems not tied to a stored entity are shown on the location's own entity.
    const locationItems = problems.filter((p) => !p.entityRef || !storedWithErrors.has(p.entityRef)).map(statusItem);
    await writer.setErrors(location.entityRef, locationItems.length ? locationItems : null, location.id);
    const orphaned = await writer.markOrphans(location.id, { refs: keepRefs, sources: keepSources });
    await locations.saveSources(location.id, processedSources, unchangedSources);
    const stitchStarted = Date.now();
    const stitched = await stitcher.stitchPending();
    const stitchMs = Date.now() - stitchStarted;

    const durationMs = Date.now() - started;
    await locations.setStatus(location.id, {
      lastRefreshAt: new Date(started).toISOString(),
      durationMs,
      sources: { processed: processedSources.length, unchanged: unchangedSources.size, failed: failedSources },
      errors: problems,
    });
    if (stitched.length) {
      const addedSet = new Set(added);
      this.changed({ added, updated: stitched.filter((r) => !addedSet.has(r)), removed: [] });
    }
    this.deps.events.publish('location.processed', {
      locationId: location.id,
      changed: stitched.length,
      errors: problems.length,
      durationMs,
    });
    for (const p of problems) this.deps.logger.warn({ location: location.target }, formatProblem(p));
    this.deps.logger.info(
      {
        location: `${location.type}:${location.target}`,
        added: added.length,
        updated: updated.length,
        orphaned: orphaned.length,
        errors: problems.length,
        durationMs,
        stitchMs,
      },
      'location processed',
    );
    return {
      locationId: location.id,
      added: added.length,
      updated: updated.length,
      orphaned: orphaned.length,
      errors: problems,
      durationMs,
    };
  }
}

function statusItem(problem: EntityProblem): EntityStatusItem {
  return {
    type: PROCESSING_ERROR,
    level: 'error',
    message: formatProblem(problem),
    error: { name: 'InputError', message: problem.message },
  };
}
