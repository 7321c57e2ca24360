import { InputError } from '../../../core/errors';
import type { Principal } from '../../../core/identity';

/** The one filter form both the `filter=` query string and POST predicate queries compile to. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** `key` exists (with one of `values`, or a value starting with `prefix`, when given). Keys and values are lowercase. */
  | Leaf
  /**
   * All leaves hold. `drive`: the first (most selective) leaf produces the candidates and the
   * others are index lookups. `probe`: every leaf is a lookup per entity, for broad filters
   * where walking entities in sort order and stopping at the page's end is cheaper.
   */
  | { chain: Leaf[]; mode: 'drive' | 'probe' };

export interface Leaf {
  key: string;
  values?: string[];
  prefix?: string;
}

const CURRENT_USER = '__catalog:current_user_ref__';
const CURRENT_USER_OWNERSHIP = '__catalog:current_user_ownership_refs__';

const lower = (s: string) => s.toLowerCase();

/** Backstage's magic filter values expand to the caller's refs. */
function expandValue(value: string, principal?: Principal): string[] {
  if (value === CURRENT_USER) return principal?.userEntityRef ? [lower(principal.userEntityRef)] : [];
  if (value === CURRENT_USER_OWNERSHIP) return (principal?.ownershipEntityRefs ?? []).map(lower);
  return [lower(value)];
}

/**
 * `filter=a=1,b=2&filter=c`: params are ORed, conditions inside one param ANDed,
 * a key repeated inside one param ORs its values, a bare key means "exists".
 */
export function parseFilterParams(raw: unknown, principal?: Principal): Condition | undefined {
  if (raw === undefined) return undefined;
  const params = (Array.isArray(raw) ? raw : [raw]).map((p) => {
    if (typeof p !== 'string') throw new InputError('filter must be a string such as kind=component,spec.type=service');
    return p;
  });
  const alternatives = params.map((param) => {
    const byKey = new Map<string, { values: string[]; exists: boolean }>();
    for (const part of param.split(',')) {
      const trimmed = part.trim();
      if (!trimmed) throw new InputError(`Invalid filter "${param}": empty condition`);
      const eq = trimmed.indexOf('=');
      const key = lower((eq === -1 ? trimmed : trimmed.slice(0, eq)).trim());
      if (!key) throw new InputError(`Invalid filter "${param}": a condition has no key`);
      const entry = byKey.get(key) ?? { values: [], exists: false };
      if (eq === -1) entry.exists = true;
      else entry.values.push(...expandValue(trimmed.slice(eq + 1).trim(), principal));
      byKey.set(key, entry);
    }
    const leaves: Condition[] = [...byKey].map(([key, { values, exists }]) => (exists && values.length === 0 ? { key } : { key, values }));
    return leaves.length === 1 ? leaves[0] : { all: leaves };
  });
  return alternatives.length === 1 ? alternatives[0] : { any: alternatives };
}

type Primitive = string | number | boolean;
const isPrimitive = (v: unknown): v is Primitive => ['string', 'number', 'boolean'].includes(typeof v);

/** POST predicate queries: `$all`, `$any`, `$not` over `{ path: matcher }` leaves. */
export function parsePredicate(query: unknown, principal?: Principal, path = 'query'): Condition {
  if (!query || typeof query !== 'object' || Array.isArray(query)) throw new InputError(`${path}: must be an object`);
  const entries = Object.entries(query);
  const logical = entries.filter(([k]) => k.startsWith('$'));
  if (logical.length > 0) {
    if (entries.length !== 1) throw new InputError(`${path}: ${logical[0][0]} cannot be combined with other keys`);
    const [op, operand] = logical[0];
    if (op === '$all' || op === '$any') {
      if (!Array.isArray(operand)) throw new InputError(`${path}.${op}: must be an array`);
      const items = operand.map((q, i) => parsePredicate(q, principal, `${path}.${op}[${i}]`));
      return op === '$all' ? { all: items } : { any: items };
    }
    if (op === '$not') return { not: parsePredicate(operand, principal, `${path}.$not`) };
    throw new InputError(`${path}: unknown operator ${op}`);
  }
  const leaves = entries.map(([key, matcher]) => parseMatcher(key, matcher, principal, `${path}.${key}`));
  return leaves.length === 1 ? leaves[0] : { all: leaves };
}

function parseMatcher(field: string, matcher: unknown, principal: Principal | undefined, path: string): Condition {
  const key = lower(field);
  if (isPrimitive(matcher)) return { key, values: expandValue(String(matcher), principal) };
  if (!matcher || typeof matcher !== 'object' || Array.isArray(matcher)) {
    throw new InputError(`${path}: must be a value or one of $exists, $in, $hasPrefix, $contains`);
  }
  const ops = Object.entries(matcher);
  if (ops.length !== 1) throw new InputError(`${path}: use exactly one operator`);
  const [op, operand] = ops[0];
  switch (op) {
    case '$exists':
      if (typeof operand !== 'boolean') throw new InputError(`${path}.$exists: must be true or false`);
      return operand ? { key } : { not: { key } };
    case '$in':
      if (!Array.isArray(operand) || !operand.every(isPrimitive)) throw new InputError(`${path}.$in: must be an array of values`);
      return { key, values: operand.flatMap((v) => expandValue(String(v), principal)) };
    case '$hasPrefix':
      if (typeof operand !== 'string') throw new InputError(`${path}.$hasPrefix: must be a string`);
      return { key, prefix: lower(operand) };
    case '$contains':
      return parseContains(key, operand, principal, `${path}.$contains`);
    default:
      throw new InputError(`${path}: unknown operator ${op}`);
  }
}

function parseContains(key: string, operand: unknown, principal: Principal | undefined, path: string): Condition {
  if (key === 'relations') {
    if (!operand || typeof operand !== 'object' || typeof (operand as { type?: unknown }).type !== 'string') {
      throw new InputError(`${path}: must be { type, targetRef? }`);
    }
    const { type, targetRef } = operand as { type: string; targetRef?: unknown };
    const relationKey = `relations.${lower(type)}`;
    if (targetRef === undefined) return { key: relationKey };
    if (typeof targetRef === 'string') return { key: relationKey, values: expandValue(targetRef, principal) };
    const inList = (targetRef as { $in?: unknown }).$in;
    if (Array.isArray(inList) && inList.every((v) => typeof v === 'string')) {
      return { key: relationKey, values: inList.flatMap((v: string) => expandValue(v, principal)) };
    }
    throw new InputError(`${path}.targetRef: must be a string or { $in: [...] }`);
  }
  if (!isPrimitive(operand)) throw new InputError(`${path}: must be a value`);
  return { key, values: expandValue(String(operand), principal) };
}

/** Evaluates a condition in memory against lowercase key → values, for small sets such as locations. */
export function matchesCondition(condition: Condition, values: Record<string, string[]>): boolean {
  if ('all' in condition) return condition.all.every((c) => matchesCondition(c, values));
  if ('any' in condition) return condition.any.some((c) => matchesCondition(c, values));
  if ('not' in condition) return !matchesCondition(condition.not, values);
  if ('chain' in condition) return condition.chain.every((c) => matchesCondition(c, values));
  const present = values[condition.key];
  if (!present || present.length === 0) return false;
  if (condition.values) return present.some((v) => condition.values!.includes(v));
  if (condition.prefix !== undefined) return present.some((v) => v.startsWith(condition.prefix!));
  return true;
}
