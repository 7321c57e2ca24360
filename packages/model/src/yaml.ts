import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';

export interface ParsedDocument {
  /** 0-based position of the document in the file, counting empty ones. */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  value: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: (string | number)[]): number;
}

/** The file cannot be read as YAML; nothing in it is used. */
export class YamlSyntaxError extends Error {
  override name = 'YamlSyntaxError';
  /** The problem without the file and line, for callers that print those themselves. */
  readonly reason: string;

  constructor(
    reason: string,
    readonly file: string,
    readonly line: number,
    /** 1-based number of the document that failed, for humans (like EntityProblem.document). */
    readonly document: number,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.reason = reason;
  }
}

const DEFAULT_MAX_ALIAS_COUNT = 100;

// yaml's messages end with "at line L, column C:" and a code excerpt; we show
// the line ourselves, so keep the first sentence and the column.
function shortReason(message: string): string {
  const first = message.split('\n')[0].replace(/:\s*$/, '');
  return first.replace(/ at line \d+, column (\d+)$/, ' (column $1)');
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

function makeLineOf(doc: Document, lines: LineCounter, startLine: number) {
  const lineAt = (offset: number) => lines.linePos(offset).line;
  return (path: (string | number)[]): number => {
    let node: unknown = doc.contents;
    let line = startLine;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment));
        if (!pair) break;
        // The key's line, since block values start on the lines below it.
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange) line = lineAt(keyRange[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
}

/**
 * Parses every document of a catalog file. Values are plain JSON: the YAML 1.2
 * core schema keeps 2024-01-01 a string, and explicitly tagged types such as
 * !!timestamp or !!binary are not turned into objects. Documents that hold
 * nothing (e.g. a trailing `---`) are skipped. Any syntax error, or a document
 * that expands too many aliases, makes the whole file unreadable.
 */
export function parseCatalogYaml(text: string, file: string, options: { maxAliasCount?: number } = {}): ParsedDocument[] {
  const values = canParseFast(text) ? loadFast(text) : undefined;
  return values ? documentsFromValues(text, file, values, options) : parseCarefully(text, file, options);
}

// Anchors, aliases and tags go to the careful parser, which limits alias expansion
// (js-yaml shares aliased nodes, so a billion-laughs document would explode later, in validation).
// The test is loose on purpose: a false positive only costs speed.
const MAY_NEED_CAREFUL_PARSE = /(^|[\s[\]{},:-])[&*!][^\s[\]{},]/m;

/** Whether `text` may take the fast path (no anchors, aliases or tags). */
export function canParseFast(text: string): boolean {
  return !MAY_NEED_CAREFUL_PARSE.test(text);
}

/**
 * js-yaml reads plain catalog files several times faster than the careful parser, but
 * knows no line numbers. Returns undefined on any error: the careful parser then reports
 * it with its line. Pure, so it can also run in a worker thread.
 */
export function loadFast(text: string): unknown[] | undefined {
  try {
    return loadAll(text, null, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
}

/**
 * Documents from values the fast path produced. Line numbers are needed only to place
 * problems, so the careful parse runs lazily, the first time a line is asked for.
 */
export function documentsFromValues(
  text: string,
  file: string,
  values: unknown[],
  options: { maxAliasCount?: number } = {},
): ParsedDocument[] {
  let careful: Map<number, ParsedDocument> | undefined;
  const located = (index: number) => {
    careful ??= new Map(parseCarefully(text, file, options).map((d) => [d.index, d]));
    return careful.get(index);
  };
  const parsed: ParsedDocument[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    parsed.push({
      index,
      value,
      get line() {
        return located(index)?.line ?? 1;
      },
      lineOf: (path) => located(index)?.lineOf(path) ?? 1,
    });
  });
  return parsed;
}

function parseCarefully(text: string, file: string, options: { maxAliasCount?: number }): ParsedDocument[] {
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, schema: 'core', resolveKnownTags: false, prettyErrors: true });
  // parseAllDocuments returns a bare array-like for an empty stream.
  const list = Array.from(docs as Iterable<Document>);

  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
      throw new YamlSyntaxError(`YAML syntax error: ${shortReason(error.message)}`, file, line, index + 1);
    }
  });

  const parsed: ParsedDocument[] = [];
  list.forEach((doc, index) => {
    const start = (doc.contents as Node | null)?.range?.[0] ?? doc.range?.[0] ?? 0;
    const line = lines.linePos(start).line;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (error) {
      if (error instanceof ReferenceError && /alias/i.test(error.message)) {
        throw new YamlSyntaxError(
          `document expands too many YAML aliases (limit ${maxAliasCount}); refusing to read it, as this is how "billion laughs" attacks exhaust memory`,
          file,
          line,
          index + 1,
        );
      }
      throw new YamlSyntaxError(`YAML error: ${(error as Error).message}`, file, line, index + 1);
    }
    // An empty document (or an explicit null) is not an entity, just nothing; skip it.
    if (value === null || value === undefined) return;
    parsed.push({ index, line, value, lineOf: makeLineOf(doc, lines, line) });
  });
  return parsed;
}
