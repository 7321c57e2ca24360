import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_MANAGED_BY_LOCATION,
  ANNOTATION_MANAGED_BY_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  YamlSyntaxError,
  canParseFast,
  documentsFromValues,
  parseCatalogYaml,
  stringifyEntityRef,
  type Entity,
  type EntityProblem,
  type KindRegistry,
} from '@greenroom/model';
import type { UrlReader } from '../../../core/reader';
import { sha1, type EmittedEntity } from '../store/EntityWriter';
import type { PlaceholderDependency } from './placeholders';
import { processDocument } from './processDocument';
import type { YamlParser } from './yamlWorker';
import type { CatalogRules } from './rules';

export type LocationType = 'file' | 'url';

export interface ProcessingSettings {
  registry: KindRegistry;
  rules: CatalogRules;
  maxEntitySize: number;
  /** Changes when settings that affect processing change, so cached sources are redone. */
  fingerprint: string;
}

/** What processing a registered location produces, in order, without touching the database. */
export type WalkEvent =
  | { type: 'entity'; emitted: EmittedEntity }
  /** A problem; when `entityRef` is set, that entity keeps its last good version. */
  | { type: 'problem'; problem: EntityProblem }
  /** The source was read and processed; remember its hash to skip it while unchanged. */
  | { type: 'source-processed'; key: string; hash: string; deps: PlaceholderDependency[] }
  /** The source was not processed (unchanged, unreadable or unparseable): keep its entities as they are. */
  | { type: 'source-kept'; key: string; reason: 'unchanged' | 'failed' };

export interface CachedSource {
  hash: string;
  deps: PlaceholderDependency[];
}

export interface WalkInput {
  location: { type: LocationType; target: string };
  reader: UrlReader;
  settings: ProcessingSettings;
  /** Hashes stored from the last run; absent in dry runs, which always process. */
  cachedSources?: Map<string, CachedSource>;
  /** Location entities a kept (unchanged) source defined last time, so their targets are still followed. */
  storedLocationEntities?: (sourceKey: string) => Promise<Entity[]>;
  /** Re-read every source even when unchanged. */
  force?: boolean;
  /** Parses off the main thread; without it, files are parsed inline. */
  parser?: YamlParser;
}

type LoadedSource =
  | { source: { type: LocationType; target: string }; text: string; contentHash: string; values: Promise<unknown[] | undefined> }
  | { source: { type: LocationType; target: string }; error: Error };

/** How many sources are read and parsed ahead of the one being processed. */
const READ_AHEAD = 8;

/** Runs `load` over `items` with up to `window` in flight, yielding results in order. */
async function* readAhead<T, R>(items: T[], load: (item: T) => Promise<R>, window: number): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  let next = 0;
  while (next < items.length && inFlight.length < window) inFlight.push(load(items[next++]));
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    if (next < items.length) inFlight.push(load(items[next++]));
    yield result;
  }
}

export function locationRef(loc: { type: string; target: string }): string {
  return `${loc.type}:${loc.target}`;
}

/** Backstage's name for the Location entity that stands for a registered location. */
export function generatedLocationEntity(loc: { type: string; target: string }): Entity {
  const ref = locationRef(loc);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `generated-${sha1(ref)}`,
      namespace: 'default',
      annotations: { [ANNOTATION_MANAGED_BY_LOCATION]: ref, [ANNOTATION_MANAGED_BY_ORIGIN_LOCATION]: ref },
    },
    spec: { type: loc.type, target: loc.target },
  };
}

interface PendingTarget {
  type: LocationType;
  target: string;
  parentRef: string;
  optional: boolean;
}

/**
 * Reads a registered location and everything it leads to (globs, Location entities'
 * targets, placeholders), yielding entities and problems as it goes so the caller can
 * write in batches. A file that cannot be read or parsed keeps its last good entities;
 * in a file that parses, a bad document is refused alone.
 */
export async function* walkLocation(input: WalkInput): AsyncGenerator<WalkEvent> {
  const { location, reader, settings } = input;
  const origin = locationRef(location);
  const root = generatedLocationEntity(location);
  const rootRef = stringifyEntityRef(root);
  yield { type: 'entity', emitted: { entity: root, ref: rootRef, sourceKey: origin, parentRef: null } };

  const parser = input.parser;
  /** Reads one source and starts parsing it, unless it is probably unchanged. Never rejects. */
  const load = async (source: { type: LocationType; target: string }, parentRef: string): Promise<LoadedSource> => {
    try {
      const text = (await reader.read(source.type, source.target)).toString('utf8');
      const contentHash = sha1(`${settings.fingerprint}\n${parentRef}\n${text}`);
      const cached = input.cachedSources?.get(locationRef(source));
      const probablyUnchanged = !input.force && cached?.hash === contentHash;
      const values = probablyUnchanged || !parser || !canParseFast(text) ? Promise.resolve(undefined) : parser.parse(text);
      return { source, text, contentHash, values };
    } catch (error) {
      return { source, error: error as Error };
    }
  };

  const seenRefs = new Set<string>([rootRef]);
  const visitedSources = new Set<string>();
  const queue: PendingTarget[] = [{ ...location, parentRef: rootRef, optional: false }];

  while (queue.length > 0) {
    const pending = queue.shift()!;
    let targets: string[];
    try {
      targets = pending.type === 'file' ? await reader.expandFiles(pending.target) : [pending.target];
      if (targets.length === 0 && !pending.optional) {
        yield problem(pending.target, `no files match ${pending.target}`);
      }
    } catch (error) {
      if (!(pending.optional && (error as Error).name === 'NotFoundError')) {
        yield problem(pending.target, (error as Error).message);
      }
      continue;
    }

    // Files are read (and parsed, in a worker) a few ahead of the one being processed.
    const fresh = targets.filter((target) => !visitedSources.has(locationRef({ type: pending.type, target })));
    const loads = readAhead(fresh, (target) => load({ type: pending.type, target }, pending.parentRef), READ_AHEAD);
    for await (const loaded of loads) {
      const { source } = loaded;
      const target = source.target;
      const key = locationRef(source);
      if (visitedSources.has(key)) continue;
      visitedSources.add(key);

      if ('error' in loaded) {
        if (pending.optional && loaded.error.name === 'NotFoundError') continue;
        yield problem(target, loaded.error.message);
        yield { type: 'source-kept', key, reason: 'failed' };
        continue;
      }
      const { text, contentHash } = loaded;

      const cached = input.cachedSources?.get(key);
      if (!input.force && cached && cached.hash === contentHash && (await depsUnchanged(cached.deps, reader))) {
        yield { type: 'source-kept', key, reason: 'unchanged' };
        for (const entity of (await input.storedLocationEntities?.(key)) ?? []) {
          queue.push(...locationTargets(entity, source, stringifyEntityRef(entity), reader));
        }
        continue;
      }

      let documents;
      try {
        const values = await loaded.values;
        documents = values ? documentsFromValues(text, target, values) : parseCatalogYaml(text, target);
      } catch (error) {
        const e = error as YamlSyntaxError;
        yield { type: 'problem', problem: { file: target, line: e.line, document: e.document, message: e.reason ?? e.message } };
        yield { type: 'source-kept', key, reason: 'failed' };
        continue;
      }

      const deps: PlaceholderDependency[] = [];
      let clean = true;
      for (const doc of documents) {
        const processed = await processDocument(doc, source, settings, reader, deps);
        if (!processed.entity || !processed.ref) {
          clean = false;
          for (const p of processed.problems) yield { type: 'problem', problem: p };
          continue;
        }
        const { entity, ref } = processed;
        if (seenRefs.has(ref)) {
          clean = false;
          yield {
            type: 'problem',
            problem: {
              file: target,
              document: doc.index + 1,
              line: doc.line,
              message: `${ref} is defined more than once in this location; the first definition is kept`,
            },
          };
          continue;
        }
        seenRefs.add(ref);
        annotate(entity, source, origin, reader);
        yield { type: 'entity', emitted: { entity, ref, sourceKey: key, parentRef: pending.parentRef } };
        queue.push(...locationTargets(entity, source, ref, reader));
      }
      // A source with refused documents is redone next time, so its errors stay visible until fixed.
      if (clean) yield { type: 'source-processed', key, hash: contentHash, deps };
    }
  }
}

function problem(file: string, message: string): WalkEvent {
  return { type: 'problem', problem: { file, message } };
}

async function depsUnchanged(deps: PlaceholderDependency[], reader: UrlReader): Promise<boolean> {
  for (const dep of deps) {
    try {
      if (sha1((await reader.read(dep.type, dep.target)).toString('utf8')) !== dep.hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The targets a Location entity points to, resolved relative to the file that defines it. */
function locationTargets(entity: Entity, source: { type: LocationType; target: string }, ref: string, reader: UrlReader): PendingTarget[] {
  if (entity.kind.toLowerCase() !== 'location') return [];
  const spec = (entity.spec ?? {}) as { type?: string; target?: string; targets?: string[]; presence?: string };
  const type = (spec.type ?? source.type) as LocationType;
  const raw = [...(spec.target ? [spec.target] : []), ...(spec.targets ?? [])];
  return raw.map((target) => ({
    type,
    target: type === source.type ? reader.resolve(source.type, source.target, target) : target,
    parentRef: ref,
    optional: spec.presence === 'optional',
  }));
}

function annotate(entity: Entity, source: { type: LocationType; target: string }, origin: string, reader: UrlReader) {
  const annotations = { ...entity.metadata.annotations };
  annotations[ANNOTATION_MANAGED_BY_LOCATION] = locationRef(source);
  annotations[ANNOTATION_MANAGED_BY_ORIGIN_LOCATION] = origin;
  const scm = reader.scmUrls?.(source.type, source.target) ?? {};
  if (scm.viewUrl && !annotations[ANNOTATION_VIEW_URL]) annotations[ANNOTATION_VIEW_URL] = scm.viewUrl;
  if (scm.editUrl && !annotations[ANNOTATION_EDIT_URL]) annotations[ANNOTATION_EDIT_URL] = scm.editUrl;
  if (scm.sourceLocation && !annotations[ANNOTATION_SOURCE_LOCATION]) annotations[ANNOTATION_SOURCE_LOCATION] = scm.sourceLocation;
  entity.metadata = { ...entity.metadata, annotations };
}
