import type { ErrorObject } from 'ajv';
import type { ValidationIssue } from './types';

type Path = (string | number)[];

/** '/spec/steps/0' → ['steps', 0], using the data to tell list indexes from keys. */
function toPath(instancePath: string, data: unknown): Path {
  if (!instancePath) return [];
  const path: Path = [];
  let node: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: string | number = Array.isArray(node) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value pairs)',
  null: 'null',
};

function typeWords(types: unknown): string {
  const list = Array.isArray(types) ? types : String(types).split(',');
  return list.map((t) => TYPE_WORDS[t] ?? String(t)).join(' or ');
}

function describe(error: ErrorObject): { extra?: string; message: string } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { extra: String(p.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { extra: String(p.additionalProperty), message: 'is not allowed here' };
    case 'type':
      return { message: `must be ${typeWords(p.type)}` };
    case 'minLength':
      return { message: p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters` };
    case 'maxLength':
      return { message: `must be at most ${p.limit} characters` };
    case 'minItems':
      return { message: p.limit === 1 ? 'must not be an empty list' : `must have at least ${p.limit} items` };
    case 'maxItems':
      return { message: `must have at most ${p.limit} items` };
    case 'enum':
      return { message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return { message: `must match the pattern ${p.pattern}` };
    case 'format':
      return { message: `must be a valid ${p.format}` };
    case 'uniqueItems':
      return { message: `must not repeat items (items ${p.j} and ${p.i} are the same)` };
    default:
      return { message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/**
 * A oneOf/anyOf failure comes with one error per branch. When some branch
 * matched the value's type and failed only further down, its errors are the
 * useful ones; otherwise say which types would have been accepted.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  let remaining = [...errors];
  const alternatives = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);

  for (const alt of alternatives) {
    if (!remaining.includes(alt)) continue;
    const prefix = `${alt.schemaPath}/`;
    const branchErrors = remaining.filter((e) => e.schemaPath.startsWith(prefix));
    remaining = remaining.filter((e) => e !== alt && !e.schemaPath.startsWith(prefix));

    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of branchErrors) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const deeper = [...byBranch.values()]
      .filter((list) => list.every((e) => e.instancePath.length > alt.instancePath.length))
      .sort((a, b) => a.length - b.length)[0];
    if (deeper) {
      remaining.push(...deeper);
      continue;
    }
    const types = branchErrors
      .filter((e) => e.keyword === 'type' && e.instancePath === alt.instancePath)
      .map((e) => (e.params as { type: string }).type);
    remaining.push(
      types.length
        ? { ...alt, keyword: 'type', params: { type: [...new Set(types)] } }
        : { ...alt, message: 'does not match any of the accepted forms' },
    );
  }
  return remaining;
}

/** Turns ajv's errors for `data` (found at `basePath`) into our issues. */
export function ajvErrorsToIssues(errors: ErrorObject[] | null | undefined, data: unknown, basePath: Path): ValidationIssue[] {
  if (!errors?.length) return [];
  return collapseAlternatives(errors).map((error) => {
    const { extra, message } = describe(error);
    const path = [...basePath, ...toPath(error.instancePath, data)];
    return { path: extra === undefined ? path : [...path, extra], message };
  });
}
