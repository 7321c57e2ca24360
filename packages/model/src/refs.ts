import type { CompoundEntityRef, Entity } from './entity';

export const DEFAULT_NAMESPACE = 'default';

/** Thrown when an entity reference cannot be read. */
export class InvalidEntityRefError extends Error {
  override name = 'InvalidEntityRefError';
}

/** Thrown when a location reference (`<type>:<target>`) cannot be read or written. */
export class InvalidLocationRefError extends Error {
  override name = 'InvalidLocationRefError';
}

export interface EntityRefContext {
  defaultKind?: string;
  defaultNamespace?: string;
}

const FORM = '[<kind>:][<namespace>/]<name>';

function parseRefString(input: string): { kind?: string; namespace?: string; name: string } {
  const text = input.trim();
  if (!text) {
    throw new InvalidEntityRefError('Entity reference must not be empty');
  }
  const colons = text.split(':').length - 1;
  const slashes = text.split('/').length - 1;
  const colon = text.indexOf(':');
  const slash = text.indexOf('/');
  // The string form cannot carry ':' or '/' inside a part; such names need the
  // compound form. Rejecting them here avoids silently splitting in the wrong place.
  if (colons > 1 || slashes > 1 || (colon >= 0 && slash >= 0 && slash < colon)) {
    throw new InvalidEntityRefError(
      `Entity reference "${input}" is not of the form ${FORM}; ` +
        'use the compound form {kind, namespace, name} when a part contains ":" or "/"',
    );
  }
  const kind = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  const restSlash = rest.indexOf('/');
  const namespace = restSlash >= 0 ? rest.slice(0, restSlash) : undefined;
  const name = restSlash >= 0 ? rest.slice(restSlash + 1) : rest;
  if (kind === '' || namespace === '' || name === '') {
    const part = kind === '' ? 'kind' : namespace === '' ? 'namespace' : 'name';
    throw new InvalidEntityRefError(`Entity reference "${input}" has an empty ${part}; expected ${FORM}`);
  }
  return { kind, namespace, name };
}

function readCompound(ref: object): { kind?: string; namespace?: string; name: string } {
  const { kind, namespace, name } = ref as Record<string, unknown>;
  const shown = JSON.stringify(ref);
  for (const [part, value] of [
    ['kind', kind],
    ['namespace', namespace],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new InvalidEntityRefError(`Entity reference ${shown} has an empty or non-string ${part}`);
    }
  }
  if (typeof name !== 'string' || name === '') {
    throw new InvalidEntityRefError(`Entity reference ${shown} has no name`);
  }
  return { kind: kind as string | undefined, namespace: namespace as string | undefined, name };
}

/**
 * Reads `[<kind>:][<namespace>/]<name>` or `{kind?, namespace?, name}`.
 * Missing parts come from the context (the namespace falls back to "default").
 * The case of each part is kept as written; compare refs via stringifyEntityRef.
 */
export function parseEntityRef(
  ref: string | { kind?: string; namespace?: string; name: string },
  context: EntityRefContext = {},
): CompoundEntityRef {
  let parsed: { kind?: string; namespace?: string; name: string };
  if (typeof ref === 'string') {
    parsed = parseRefString(ref);
  } else if (typeof ref === 'object' && ref !== null && !Array.isArray(ref)) {
    parsed = readCompound(ref);
  } else {
    throw new InvalidEntityRefError(`Entity reference must be a string or an object, got ${ref === null ? 'null' : typeof ref}`);
  }

  const kind = parsed.kind ?? (context.defaultKind || undefined);
  if (!kind) {
    const shown = typeof ref === 'string' ? ref.trim() : parsed.name;
    throw new InvalidEntityRefError(
      `Entity reference "${shown}" has no kind and none is implied here; write it as <kind>:${shown}, e.g. component:${shown}`,
    );
  }
  const namespace = parsed.namespace ?? (context.defaultNamespace || DEFAULT_NAMESPACE);
  return { kind, namespace, name: parsed.name };
}

/** The canonical form `kind:namespace/name`, all lowercase, namespace filled in. */
export function stringifyEntityRef(ref: { kind: string; namespace?: string; name: string } | Entity): string {
  const [kind, namespace, name] =
    'metadata' in ref ? [ref.kind, ref.metadata.namespace, ref.metadata.name] : [ref.kind, ref.namespace, ref.name];
  // A fixed locale keeps the canonical form identical on every machine.
  const lower = (s: string) => s.toLowerCase();
  return `${lower(kind)}:${lower(namespace || DEFAULT_NAMESPACE)}/${lower(name)}`;
}

// Location targets end up as links in the UI; browsers ignore control characters
// and tabs/newlines inside a scheme, so strip those before looking for one.
function assertNotScript(ref: string, target: string): void {
  const scheme = target.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\r\n]/g, '');
  if (/^javascript:/i.test(scheme)) {
    throw new InvalidLocationRefError(`Location reference "${ref}" has a javascript: target`);
  }
}

/** Splits `<type>:<target>` on the first colon, e.g. `url:https://host/x.yaml`. */
export function parseLocationRef(ref: string): { type: string; target: string } {
  if (typeof ref !== 'string') {
    throw new InvalidLocationRefError(`Location reference must be a string, got ${typeof ref}`);
  }
  const colon = ref.indexOf(':');
  const type = colon >= 0 ? ref.slice(0, colon).trim() : '';
  const target = colon >= 0 ? ref.slice(colon + 1).trim() : '';
  if (!type || !target) {
    throw new InvalidLocationRefError(
      `Location reference "${ref}" is not of the form <type>:<target>, e.g. url:https://host/path/catalog-info.yaml`,
    );
  }
  // A bare URL would otherwise parse as type "https"; Backstage refuses it the same way.
  if (type === 'http' || type === 'https') {
    throw new InvalidLocationRefError(`Location reference "${ref}" needs a type prefix, e.g. url:${ref}`);
  }
  assertNotScript(ref, target);
  return { type, target };
}

export function stringifyLocationRef(loc: { type: string; target: string }): string {
  if (!loc.type) {
    throw new InvalidLocationRefError('Location reference has an empty type');
  }
  if (!loc.target) {
    throw new InvalidLocationRefError('Location reference has an empty target');
  }
  assertNotScript(`${loc.type}:${loc.target}`, loc.target);
  return `${loc.type}:${loc.target}`;
}
