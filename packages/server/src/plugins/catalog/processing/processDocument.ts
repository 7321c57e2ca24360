import { checkEntityDocument, stringifyEntityRef, type Entity, type EntityProblem, type ParsedDocument } from '@greenroom/model';
import type { UrlReader } from '../../../core/reader';
import { hasPlaceholders, resolvePlaceholders, type PlaceholderDependency } from './placeholders';
import type { ProcessingSettings } from './walkLocation';

export interface ProcessedDocument {
  entity?: Entity;
  ref?: string;
  problems: EntityProblem[];
}

/**
 * One YAML document to one entity, the same way for ingestion and `greenroom validate`:
 * placeholders first (a `$text` definition must be a string by validation time), then
 * the model's validation, catalog.rules and the size limit.
 */
export async function processDocument(
  doc: ParsedDocument,
  source: { type: 'file' | 'url'; target: string },
  settings: ProcessingSettings,
  reader: UrlReader,
  deps: PlaceholderDependency[],
): Promise<ProcessedDocument> {
  // Built only for problems: a document's line may cost a second, careful parse of the file.
  const where = () => ({ file: source.target, document: doc.index + 1, line: doc.line, entityRef: guessRef(doc.value) });
  let resolved: unknown = doc.value;
  try {
    if (hasPlaceholders(doc.value)) resolved = await resolvePlaceholders(doc.value, source, reader, deps);
  } catch (error) {
    const at = where();
    return { ref: at.entityRef, problems: [{ ...at, message: (error as Error).message }] };
  }
  // Not `{ ...doc }`: spreading would read the lazy `line` getter and force a careful re-parse.
  const checked = checkEntityDocument(resolved === doc.value ? doc : withValue(doc, resolved), source.target, settings.registry);
  if (!checked.entity) return { ref: guessRef(doc.value), problems: checked.problems };
  const entity = checked.entity;
  const ref = stringifyEntityRef(entity);
  if (!settings.rules.isAllowed(entity.kind, source)) {
    return {
      problems: [
        {
          ...where(),
          entityRef: undefined,
          field: 'kind',
          message: `kind ${entity.kind} is not allowed from this location by catalog.rules`,
        },
      ],
    };
  }
  const size = Buffer.byteLength(JSON.stringify(entity));
  if (size > settings.maxEntitySize) {
    return {
      ref,
      problems: [
        {
          ...where(),
          entityRef: ref,
          message: `entity is ${size} bytes, over the limit of ${settings.maxEntitySize} bytes (catalog.maxEntitySize)`,
        },
      ],
    };
  }
  return { entity, ref, problems: [] };
}

function withValue(doc: ParsedDocument, value: unknown): ParsedDocument {
  return {
    index: doc.index,
    value,
    get line() {
      return doc.line;
    },
    lineOf: (path) => doc.lineOf(path),
  };
}

/** The ref a document claims, when kind and name are readable, so its last good version can be kept. */
function guessRef(value: unknown): string | undefined {
  const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (!v || typeof v.kind !== 'string' || typeof v.metadata?.name !== 'string') return undefined;
  const namespace = typeof v.metadata.namespace === 'string' ? v.metadata.namespace : 'default';
  try {
    return stringifyEntityRef({ kind: v.kind, namespace, name: v.metadata.name });
  } catch {
    return undefined;
  }
}
