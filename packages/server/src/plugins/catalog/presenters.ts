import type { Entity } from '@greenroom/model';
import { InputError } from '../../core/errors';
import type { StoredLocation } from './store/LocationStore';

/** `fields=kind,metadata.name` keeps only those dot-path subtrees; unknown paths are simply absent. */
export function parseFields(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((item) => {
    if (typeof item !== 'string') throw new InputError('fields must be a comma-separated list of paths');
    return item.split(',');
  });
  const fields = list.map((f) => f.trim()).filter(Boolean);
  return fields.length ? fields : undefined;
}

export function projectFields(entity: Entity, fields: string[] | undefined): Partial<Entity> {
  if (!fields) return entity;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let source: unknown = entity;
    for (const part of parts) {
      source = source && typeof source === 'object' ? (source as Record<string, unknown>)[part] : undefined;
    }
    if (source === undefined) continue;
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target = (target[part] ??= {}) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = source;
  }
  return out as Partial<Entity>;
}

/** Stored JSON to the wire; without a projection the stored text is passed through untouched. */
export function presentEntity(final: string, fields: string[] | undefined): Partial<Entity> {
  return projectFields(JSON.parse(final) as Entity, fields);
}

/** Backstage's Location shape (with the newer `entityRef`); Greenroom adds the processing status. */
export function presentLocation(location: StoredLocation) {
  return {
    id: location.id,
    type: location.type,
    target: location.target,
    entityRef: location.entityRef,
    ...(location.status ? { status: location.status } : {}),
  };
}
