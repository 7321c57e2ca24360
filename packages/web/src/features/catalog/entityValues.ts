import { parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';

/** The value at a dot path (`spec.profile.email`); catalog data is untrusted, so nothing is assumed about its shape. */
export function valueAt(entity: Entity, path: string): unknown {
  let current: unknown = entity;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A non-empty string, or undefined for anything else. */
export function textAt(entity: Entity, path: string): string | undefined {
  const value = valueAt(entity, path);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The strings of an array field (tags); other items are skipped. */
export function stringsAt(entity: Entity, path: string): string[] {
  const value = valueAt(entity, path);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A reference written in the spec (`owner: team-a`) as the catalog resolves it: the kind
 * defaults per field and the namespace to the entity's own, as the relation processor does.
 */
export function specRefAt(entity: Entity, path: string, defaultKind: string): string | undefined {
  const value = textAt(entity, path);
  if (!value) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace: entity.metadata.namespace }));
  } catch {
    return undefined;
  }
}

export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}

export function entityTitle(entity: Entity): string {
  return textAt(entity, 'metadata.title') ?? entity.metadata.name;
}
