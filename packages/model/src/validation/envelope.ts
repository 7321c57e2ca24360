import { MESSAGES, isValidApiVersion, isValidKind, withLength } from './rules';
import type { ValidationIssue } from './types';
import { describeValue, isPlainObject } from './values';

// Backstage refuses any other top-level key in descriptor files. relations and
// status belong to the catalog's output and are computed, never read.
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);
const COMPUTED_ROOT_FIELDS = new Set(['relations', 'status']);

/** The top level: apiVersion, kind, metadata and spec and nothing else. */
export function checkEnvelope(value: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { apiVersion, kind, metadata, spec } = value;

  if (apiVersion === undefined || apiVersion === null) {
    issues.push({ path: ['apiVersion'], message: `${MESSAGES.required}, e.g. apiVersion: backstage.io/v1alpha1` });
  } else if (typeof apiVersion !== 'string') {
    issues.push({ path: ['apiVersion'], message: MESSAGES.string });
  } else if (!isValidApiVersion(apiVersion)) {
    issues.push({ path: ['apiVersion'], message: MESSAGES.apiVersion });
  }

  if (kind === undefined || kind === null) {
    issues.push({ path: ['kind'], message: `${MESSAGES.required}, e.g. kind: Component` });
  } else if (typeof kind !== 'string') {
    issues.push({ path: ['kind'], message: MESSAGES.string });
  } else if (!isValidKind(kind)) {
    issues.push({ path: ['kind'], message: withLength(MESSAGES.kind, kind, 63) });
  }

  if (metadata === undefined || metadata === null) {
    issues.push({ path: ['metadata'], message: `${MESSAGES.required} (with at least a name)` });
  } else if (!isPlainObject(metadata)) {
    issues.push({ path: ['metadata'], message: `${MESSAGES.mapping}, not ${describeValue(metadata)}` });
  }

  if (spec !== undefined && !isPlainObject(spec)) {
    issues.push({ path: ['spec'], message: `${MESSAGES.mapping}, not ${describeValue(spec)}` });
  }

  for (const key of Object.keys(value)) {
    if (ROOT_FIELDS.has(key)) continue;
    issues.push({
      path: [key],
      message: COMPUTED_ROOT_FIELDS.has(key)
        ? 'is computed by the catalog and cannot be written in a descriptor file'
        : 'is not allowed at the top level; an entity has only apiVersion, kind, metadata and spec',
    });
  }
  return issues;
}
