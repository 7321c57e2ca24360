import { DEFAULT_NAMESPACE, InvalidEntityRefError, parseEntityRef } from '../refs';
import { SPEC_RELATION_FIELDS } from '../relations';
import { ajvErrorsToIssues } from './ajvIssues';
import { checkEnvelope } from './envelope';
import { checkJsonSafe } from './jsonSafe';
import { checkMetadata } from './metadata';
import { CompiledKindRegistry, type KindRegistry } from './registry';
import { isValidApiVersion, isValidKind } from './rules';
import type { ValidationIssue } from './types';
import { describeValue, isPlainObject } from './values';

function unknownKind(kind: string, registry: CompiledKindRegistry): ValidationIssue {
  const known = registry.kinds();
  const sameLetters = known.find((k) => k.toLowerCase() === kind.toLowerCase());
  const message = sameLetters
    ? `Unknown kind "${kind}"; kinds are case-sensitive: did you mean "${sameLetters}"?`
    : `Unknown kind "${kind}"; known kinds are ${known.join(', ')}; register a custom kind schema in config under catalog.customKinds`;
  return { path: ['kind'], message };
}

function parsesWithAKind(ref: string): boolean {
  try {
    parseEntityRef(ref, { defaultKind: 'Component' });
    return true;
  } catch {
    return false;
  }
}

/** Refs in relation fields must be readable, or the relation would silently go missing. */
function checkSpecRefs(kind: string, spec: Record<string, unknown>, namespace: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const { field, defaultKind } of SPEC_RELATION_FIELDS[kind] ?? []) {
    const value = spec[field];
    const located: [string, (string | number)[]][] =
      typeof value === 'string'
        ? [[value, ['spec', field]]]
        : Array.isArray(value)
          ? value.flatMap((v, i): [string, (string | number)[]][] => (typeof v === 'string' ? [[v, ['spec', field, i]]] : []))
          : [];
    for (const [ref, path] of located) {
      if (ref === '') continue; // the schema already says "must not be empty"
      try {
        parseEntityRef(ref, { defaultKind, defaultNamespace: namespace });
      } catch (error) {
        const needsKind = !defaultKind && parsesWithAKind(ref);
        issues.push({
          path,
          message: needsKind
            ? `"${ref}" needs a kind because ${field} has no default kind; write e.g. component:${ref} or resource:${ref}`
            : `is not a valid entity reference: ${(error as InvalidEntityRefError).message}`,
        });
      }
    }
  }
  return issues;
}

function checkKindAndSpec(entity: Record<string, unknown>, registry: CompiledKindRegistry): ValidationIssue[] {
  const { kind, apiVersion, spec, metadata } = entity;
  // Malformed kind/apiVersion were already reported by the envelope check.
  if (typeof kind !== 'string' || !isValidKind(kind)) return [];
  const variants = registry.variants(kind);
  if (!variants) return [unknownKind(kind, registry)];
  if (typeof apiVersion !== 'string' || !isValidApiVersion(apiVersion)) return [];

  const variant = variants.find((v) => v.apiVersions.includes(apiVersion));
  if (!variant) {
    const accepted = variants.flatMap((v) => v.apiVersions);
    return [
      {
        path: ['apiVersion'],
        message: `kind ${kind} does not accept apiVersion "${apiVersion}"; use ${accepted.length === 1 ? accepted[0] : `one of ${accepted.join(', ')}`}`,
      },
    ];
  }

  if (spec === undefined && variant.specRequired) return [{ path: ['spec'], message: `is required for kind ${kind}` }];
  if (spec !== undefined && !isPlainObject(spec)) return [];
  const data = spec ?? {};
  const issues = variant.validateSpec(data) ? [] : ajvErrorsToIssues(variant.validateSpec.errors, data, ['spec']);

  const ns =
    isPlainObject(metadata) && typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : DEFAULT_NAMESPACE;
  issues.push(...checkSpecRefs(kind, data, ns));
  return issues;
}

/**
 * Checks an entity as read from a descriptor file or an API request, with
 * Backstage's rules: envelope, metadata formats, then the kind's spec schema.
 * Returns every issue found; an empty list means the entity is valid.
 * The registry must come from createKindRegistry.
 */
export function validateEntity(value: unknown, registry: KindRegistry): ValidationIssue[] {
  if (!(registry instanceof CompiledKindRegistry)) {
    throw new TypeError('validateEntity needs a registry made by createKindRegistry()');
  }
  if (!isPlainObject(value)) {
    return [{ path: [], message: `an entity must be a mapping with apiVersion, kind, metadata and spec, not ${describeValue(value)}` }];
  }

  const json = checkJsonSafe(value);
  // Following a cycle would never end; report it alone.
  if (json.circular) return json.issues;

  const issues = [...checkEnvelope(value)];
  if (isPlainObject(value.metadata)) issues.push(...checkMetadata(value.metadata));
  issues.push(...checkKindAndSpec(value, registry), ...json.issues);

  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([issue.path, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
