import type { Entity } from './entity';
import { DEFAULT_NAMESPACE, stringifyEntityRef } from './refs';
import type { KindRegistry } from './validation/registry';
import { validateEntity } from './validation/validate';
import { describeValue, isPlainObject } from './validation/values';
import { YamlSyntaxError, parseCatalogYaml, type ParsedDocument } from './yaml';

/** One problem in a catalog file, as shown by the API, the server log and the CLI. */
export interface EntityProblem {
  file: string;
  /** 1-based, for humans. */
  document?: number;
  line?: number;
  /** Dotted path, e.g. spec.owner or metadata.tags[2]. */
  field?: string;
  message: string;
  entityRef?: string;
}

/** ['metadata', 'tags', 2] → metadata.tags[2]; keys that are not plain words are quoted. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `file:line: document N (ref): field: message`, leaving out what is unknown. */
export function formatProblem(p: EntityProblem): string {
  let out = `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: `;
  if (p.document !== undefined) out += `document ${p.document}${p.entityRef ? ` (${p.entityRef})` : ''}: `;
  else if (p.entityRef) out += `${p.entityRef}: `;
  if (p.field) out += `${p.field}: `;
  return out + p.message;
}

export interface CheckedDocument {
  /** Set only when the document has no problems. */
  entity?: Entity;
  problems: EntityProblem[];
}

// Problems are easier to place with the entity's ref, even when other parts are broken.
function bestEffortRef(value: Record<string, unknown>): string | undefined {
  const { kind, metadata } = value;
  if (typeof kind !== 'string' || !kind || !isPlainObject(metadata)) return undefined;
  const { name, namespace } = metadata;
  if (typeof name !== 'string' || !name) return undefined;
  return stringifyEntityRef({ kind, name, namespace: typeof namespace === 'string' && namespace ? namespace : DEFAULT_NAMESPACE });
}

/** Validates one parsed document, placing each problem on its line. */
export function checkEntityDocument(doc: ParsedDocument, file: string, registry: KindRegistry): CheckedDocument {
  const document = doc.index + 1;
  if (!isPlainObject(doc.value)) {
    return {
      problems: [
        {
          file,
          document,
          line: doc.line,
          message: `expected an entity (a mapping with apiVersion, kind, metadata and spec) but found ${describeValue(doc.value)}`,
        },
      ],
    };
  }

  const entityRef = bestEffortRef(doc.value);
  const problems = validateEntity(doc.value, registry).map((issue): EntityProblem => {
    const problem: EntityProblem = { file, document, line: doc.lineOf(issue.path), message: issue.message };
    const field = formatFieldPath(issue.path);
    if (field) problem.field = field;
    if (entityRef) problem.entityRef = entityRef;
    return problem;
  });
  if (!problems.length) return { entity: doc.value as unknown as Entity, problems };
  // Top to bottom, as the reader goes through the file (sort is stable).
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { problems };
}

/** Parses and checks a whole file. A YAML syntax error yields a single problem for the file. */
export function checkCatalogFile(text: string, file: string, registry: KindRegistry): CheckedDocument[] {
  let docs: ParsedDocument[];
  try {
    docs = parseCatalogYaml(text, file);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      return [{ problems: [{ file, document: error.document, line: error.line, message: error.reason }] }];
    }
    throw error;
  }
  return docs.map((doc) => checkEntityDocument(doc, file, registry));
}
