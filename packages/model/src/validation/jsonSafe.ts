import type { ValidationIssue } from './types';
import { isPlainObject } from './values';

/**
 * Entities are stored and served as JSON, so every value must survive
 * JSON.stringify unchanged: no NaN/Infinity (YAML `.nan`, `.inf`), no dates or
 * binary blobs, and no cycles (a YAML anchor that contains its own alias).
 */
export function checkJsonSafe(value: unknown): { issues: ValidationIssue[]; circular: boolean } {
  const issues: ValidationIssue[] = [];
  let circular = false;
  const onPath = new Set<object>();

  const visit = (v: unknown, path: (string | number)[]) => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(v)) issues.push({ path, message: `must be a finite number, not ${v}` });
        return;
      case 'object':
        break;
      default:
        issues.push({ path, message: `must be plain JSON data, not ${typeof v}` });
        return;
    }
    if (v === null) return;
    if (onPath.has(v)) {
      circular = true;
      issues.push({ path, message: 'must not contain itself (a YAML alias refers back to its own anchor)' });
      return;
    }
    if (!Array.isArray(v) && !isPlainObject(v)) {
      const what = v.constructor?.name ?? 'object';
      issues.push({ path, message: `must be plain JSON data, not a ${what}` });
      return;
    }
    onPath.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i]));
    } else {
      for (const [k, item] of Object.entries(v)) visit(item, [...path, k]);
    }
    onPath.delete(v);
  };

  visit(value, []);
  return { issues, circular };
}
