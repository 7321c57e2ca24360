// Entity references as Backstage writes them in YAML (`name`, `kind:name`,
// `kind:namespace/name`) and as it stores them in relations
// (`kind:namespace/name`, lower-cased). The benchmark compares the server's
// relations with what was generated, so both sides go through this one place.

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export const DEFAULT_NAMESPACE = 'default';

/**
 * Parses a reference the way Backstage does for spec fields: the kind and the
 * namespace may be left out and then come from the field's default.
 */
export function parseEntityRef(ref: string, defaultKind: string): EntityName {
  const colon = ref.indexOf(':');
  const kind = colon === -1 ? defaultKind : ref.slice(0, colon);
  const rest = colon === -1 ? ref : ref.slice(colon + 1);
  const slash = rest.indexOf('/');
  const namespace = slash === -1 ? DEFAULT_NAMESPACE : rest.slice(0, slash);
  const name = slash === -1 ? rest : rest.slice(slash + 1);
  if (!kind || !namespace || !name) throw new Error(`Malformed entity reference "${ref}"`);
  return { kind, namespace, name };
}

/** The canonical form used in `relations[].targetRef`. */
export function stringifyEntityRef(entity: EntityName): string {
  return `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
}

/** Shorthand for the canonical form of a default-namespace entity. */
export function refOf(kind: string, name: string): string {
  return stringifyEntityRef({ kind, namespace: DEFAULT_NAMESPACE, name });
}
