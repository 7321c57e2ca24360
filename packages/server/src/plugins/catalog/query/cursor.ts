import { InputError } from '../../../core/errors';
import type { FullTextFilter } from './compile';

export interface OrderField {
  field: string;
  order: 'asc' | 'desc';
}

/**
 * Opaque to callers, but Backstage's client peeks inside: it is base64 JSON, and
 * carries a `query` key only for predicate (POST) queries.
 */
export interface QueryCursor {
  orderFields: OrderField[];
  /** [sort value of the boundary row, its id] */
  orderFieldValues: [string | null, number];
  filter?: string[];
  query?: unknown;
  fullTextFilter?: FullTextFilter;
  isPrevious: boolean;
  totalItems?: number;
}

export function encodeCursor(cursor: QueryCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

export function decodeCursor(text: string): QueryCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw new InputError('Malformed cursor');
  }
  const c = parsed as Partial<QueryCursor> | null;
  const values = c?.orderFieldValues;
  const valid =
    c &&
    typeof c === 'object' &&
    Array.isArray(c.orderFields) &&
    c.orderFields.every((o) => o && typeof o.field === 'string' && (o.order === 'asc' || o.order === 'desc')) &&
    Array.isArray(values) &&
    values.length === 2 &&
    (values[0] === null || typeof values[0] === 'string') &&
    typeof values[1] === 'number' &&
    typeof c.isPrevious === 'boolean' &&
    (c.filter === undefined || (Array.isArray(c.filter) && c.filter.every((f) => typeof f === 'string'))) &&
    (c.fullTextFilter === undefined || (typeof c.fullTextFilter.term === 'string' && Array.isArray(c.fullTextFilter.fields)));
  if (!valid) throw new InputError('Malformed cursor');
  return c as QueryCursor;
}

/** `orderField=metadata.name,asc` (Backstage's by-query form). */
export function parseOrderFields(raw: unknown): OrderField[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item) => {
    if (typeof item !== 'string') throw new InputError('orderField must be a string such as metadata.name,asc');
    const [field, order = 'asc', ...rest] = item.split(',').map((s) => s.trim());
    if (!field || rest.length || (order !== 'asc' && order !== 'desc')) {
      throw new InputError(`Invalid orderField "${item}": expected <field>,asc or <field>,desc`);
    }
    return { field, order };
  });
}

/** `order=asc:metadata.name` (the GET /entities form). */
export function parseOrderParams(raw: unknown): OrderField[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item) => {
    const match = typeof item === 'string' ? /^(asc|desc):(.+)$/.exec(item.trim()) : null;
    if (!match) throw new InputError(`Invalid order "${String(item)}": expected asc:<field> or desc:<field>`);
    return { field: match[2], order: match[1] as 'asc' | 'desc' };
  });
}
