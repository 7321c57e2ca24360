import { parseEntityRef, type Entity } from '@greenroom/model';

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export function entityName(entity: Entity): EntityName {
  return { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
}

/** Backstage's entity URL: `/catalog/:namespace/:kind/:name`, kind in lower case. */
export function entityPath(target: Entity | EntityName | string): string {
  const ref = typeof target === 'string' ? parseEntityRef(target) : 'metadata' in target ? entityName(target) : target;
  return `/catalog/${encodeURIComponent(ref.namespace ?? 'default')}/${encodeURIComponent(ref.kind.toLowerCase())}/${encodeURIComponent(ref.name)}`;
}

/** How a ref reads to people: `name`, or `namespace/name` outside the default namespace; the kind when asked. */
export function humanizeRef(ref: string | EntityName, options: { defaultKind?: string; withKind?: boolean } = {}): string {
  const parsed = typeof ref === 'string' ? parseEntityRef(ref) : ref;
  const base = parsed.namespace && parsed.namespace !== 'default' ? `${parsed.namespace}/${parsed.name}` : parsed.name;
  const showKind =
    options.withKind || (options.defaultKind !== undefined && parsed.kind.toLowerCase() !== options.defaultKind.toLowerCase());
  return showKind ? `${parsed.kind.toLowerCase()}:${base}` : base;
}
