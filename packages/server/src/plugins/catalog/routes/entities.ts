import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../../core/errors';
import type { Principal } from '../../../core/identity';
import { both, readableEntities } from '../permissionRules';
import { catalogPermissions } from '../permissions';
import { parseFields, presentEntity } from '../presenters';
import { parseFilterParams, parsePredicate } from '../query/conditions';
import { decodeCursor, encodeCursor, parseOrderFields, parseOrderParams, type OrderField, type QueryCursor } from '../query/cursor';
import type { FullTextFilter } from '../query/compile';
import type { PageResult } from '../query/EntityQueries';
import type { CatalogService } from '../service';

const read = { permission: catalogPermissions.entityRead };
const DEFAULT_LIMIT = 200;

const integer = (name: string, min: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a non-negative integer`)
    .transform(Number)
    .refine((n) => n >= min, `${name} must be at least ${min}`)
    .optional();

const byQueryParams = z.object({
  limit: integer('limit', 0),
  offset: integer('offset', 0),
  cursor: z.string().min(1).optional(),
  fullTextFilterTerm: z.string().optional(),
  fullTextFilterFields: z.string().optional(),
  totalItems: z.enum(['include', 'exclude']).optional(),
});

const predicateBody = z.strictObject({
  query: z.record(z.string(), z.unknown()).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(0).optional(),
  offset: z.number().int().min(0).optional(),
  orderBy: z.array(z.strictObject({ field: z.string().min(1), order: z.enum(['asc', 'desc']) })).optional(),
  fullTextFilter: z.strictObject({ term: z.string(), fields: z.array(z.string()).optional() }).optional(),
  fields: z.array(z.string()).optional(),
  totalItems: z.enum(['include', 'exclude']).optional(),
});

const byRefsBody = z.strictObject({
  entityRefs: z.array(z.string()),
  fields: z.array(z.string()).optional(),
  query: z.record(z.string(), z.unknown()).optional(),
});

type Params = { kind: string; namespace: string; name: string };

export function registerEntityRoutes(http: FastifyInstance, catalog: CatalogService) {
  const { queries } = catalog;
  /** What the caller may read, ANDed into every query below (permissionRules.ts). */
  const readable = (principal: Principal) => readableEntities(catalog.permissions, principal);

  http.get('/entities', { config: read }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const limit = integer('limit', 0).parse(single(q.limit));
    let offset = integer('offset', 0).parse(single(q.offset));
    const after = single(q.after);
    if (after) {
      const decoded = decodeAfter(after);
      offset = decoded.offset;
    }
    const condition = both(parseFilterParams(q.filter, request.principal), await readable(request.principal));
    const rows = await queries.list({
      condition,
      order: parseOrderParams(q.order),
      offset,
      limit: limit === undefined ? undefined : limit,
    });
    const fields = parseFields(q.fields);
    if (limit !== undefined && rows.length === limit) {
      const next = Buffer.from(JSON.stringify({ limit, offset: (offset ?? 0) + limit })).toString('base64');
      const params = new URLSearchParams(request.url.split('?')[1] ?? '');
      params.delete('offset');
      params.set('after', next);
      reply.header('link', `</entities?${params.toString()}>; rel="next"`);
    }
    reply.type('application/json');
    if (!fields) return `[${rows.map((r) => r.final).join(',')}]`;
    return rows.map((r) => presentEntity(r.final, fields));
  });

  http.get('/entities/by-query', { config: read }, async (request) => {
    const q = request.query as Record<string, unknown>;
    const params = byQueryParams.parse(
      singles(q, ['limit', 'offset', 'cursor', 'fullTextFilterTerm', 'fullTextFilterFields', 'totalItems']),
    );
    const fields = parseFields(q.fields);
    if (params.cursor) return answerCursor(decodeCursor(params.cursor), params.limit, fields, request.principal, false);
    const order = parseOrderFields(q.orderField);
    const rawFilter = q.filter === undefined ? undefined : (Array.isArray(q.filter) ? q.filter : [q.filter]).map(String);
    const fullText = fullTextFrom(params.fullTextFilterTerm, params.fullTextFilterFields?.split(','), order);
    return answerFirstPage({
      filter: rawFilter,
      order,
      fullText,
      limit: params.limit,
      offset: params.offset,
      fields,
      totalItems: params.totalItems,
      principal: request.principal,
    });
  });

  http.post('/entities/by-query', { config: { ...read, audit: false } }, async (request) => {
    const body = predicateBody.parse(request.body ?? {});
    const fields = body.fields?.length ? body.fields : undefined;
    if (body.cursor) return answerCursor(decodeCursor(body.cursor), body.limit, fields, request.principal, true);
    const order = (body.orderBy ?? []) as OrderField[];
    return answerFirstPage({
      query: body.query ?? {},
      order,
      fullText: fullTextFrom(body.fullTextFilter?.term, body.fullTextFilter?.fields, order),
      limit: body.limit,
      offset: body.offset,
      fields,
      totalItems: body.totalItems,
      principal: request.principal,
    });
  });

  async function answerFirstPage(input: {
    filter?: string[];
    query?: unknown;
    order: OrderField[];
    fullText?: FullTextFilter;
    limit?: number;
    offset?: number;
    fields?: string[];
    totalItems?: 'include' | 'exclude';
    principal: Principal;
  }) {
    const asked =
      input.query !== undefined ? parsePredicate(input.query, input.principal) : parseFilterParams(input.filter, input.principal);
    // The cursor keeps only what was asked: visibility is applied afresh on every page.
    const condition = both(asked, await readable(input.principal));
    const limit = input.limit ?? DEFAULT_LIMIT;
    const page = await queries.page({
      condition,
      fullText: input.fullText,
      order: input.order[0],
      limit,
      offset: input.offset,
      withTotal: input.totalItems !== 'exclude',
    });
    const totalItems = page.total;
    const base = {
      orderFields: input.order.slice(0, 1),
      filter: input.filter,
      query: input.query,
      fullTextFilter: input.fullText,
      totalItems,
    };
    return present(page, base, input.fields, { forward: true, cameFromCursor: Boolean(input.offset) });
  }

  async function answerCursor(
    cursor: QueryCursor,
    limit: number | undefined,
    fields: string[] | undefined,
    principal: Principal,
    viaPost: boolean,
  ) {
    if (cursor.query !== undefined && !viaPost)
      throw new InputError('This cursor belongs to a predicate query: send it with POST /entities/by-query');
    const asked = cursor.query !== undefined ? parsePredicate(cursor.query, principal) : parseFilterParams(cursor.filter, principal);
    const condition = both(asked, await readable(principal));
    const page = await queries.page({
      condition,
      fullText: cursor.fullTextFilter,
      order: cursor.orderFields[0],
      limit: limit ?? DEFAULT_LIMIT,
      boundary: { value: cursor.orderFieldValues[0], id: cursor.orderFieldValues[1] },
      isPrevious: cursor.isPrevious,
    });
    const { orderFieldValues: _v, isPrevious: _p, ...base } = cursor;
    return present(page, base, fields, { forward: !cursor.isPrevious, cameFromCursor: true });
  }

  function present(
    page: PageResult,
    base: Omit<QueryCursor, 'orderFieldValues' | 'isPrevious'>,
    fields: string[] | undefined,
    how: { forward: boolean; cameFromCursor: boolean },
  ) {
    const first = page.rows[0];
    const last = page.rows[page.rows.length - 1];
    const hasNext = how.forward ? page.hasMore : true;
    const hasPrev = how.forward ? how.cameFromCursor : page.hasMore;
    // JSON drops undefined keys, so only predicate cursors carry `query` (Backstage's client checks for it).
    const pageInfo: { nextCursor?: string; prevCursor?: string } = {};
    if (hasNext && last) pageInfo.nextCursor = encodeCursor({ ...base, orderFieldValues: [last.sortValue, last.id], isPrevious: false });
    if (hasPrev && first) pageInfo.prevCursor = encodeCursor({ ...base, orderFieldValues: [first.sortValue, first.id], isPrevious: true });
    return {
      items: page.rows.map((r) => presentEntity(r.final, fields)),
      // Backstage answers 0 when the count was not asked for (totalItems=exclude).
      totalItems: base.totalItems ?? 0,
      pageInfo,
    };
  }

  http.get('/entities/by-uid/:uid', { config: read }, async (request) => {
    const { uid } = request.params as { uid: string };
    // An entity the caller may not read is answered as absent.
    const row = await queries.byUid(uid, await readable(request.principal));
    if (!row) throw new NotFoundError(`No entity with uid ${uid}`);
    return presentEntity(row.final, undefined);
  });

  http.delete('/entities/by-uid/:uid', { config: { permission: catalogPermissions.entityDelete } }, async (request, reply) => {
    const { uid } = request.params as { uid: string };
    // Idempotent, as in Backstage: deleting what is already gone (or hidden from the caller) succeeds.
    const row = await queries.byUid(uid, await readable(request.principal));
    request.auditResource = row?.ref ?? uid;
    if (row) {
      // The route's check passed a conditional decision (e.g. owners only): this is the check on the entity.
      await catalog.permissions.authorize(request.principal, catalogPermissions.entityDelete, row.ref);
      await catalog.engine.deleteEntity(row.id);
    }
    reply.code(204).send();
  });

  http.get('/entities/by-name/:kind/:namespace/:name', { config: read }, async (request) => {
    const ref = refFromParams(request.params as Params);
    const row = await queries.byRef(ref, await readable(request.principal));
    if (!row) throw new NotFoundError(`No entity named ${ref}`);
    return presentEntity(row.final, undefined);
  });

  http.get('/entities/by-name/:kind/:namespace/:name/ancestry', { config: read }, async (request) => {
    const rootRef = refFromParams(request.params as Params);
    const visible = await readable(request.principal);
    const items: Array<{ entity: unknown; parentEntityRefs: string[] }> = [];
    const seen = new Set<string>();
    let ref: string | null = rootRef;
    while (ref && !seen.has(ref)) {
      seen.add(ref);
      const found = await queries.parentRefOf(ref);
      const hidden = visible !== undefined && (await queries.refsMatching([ref], visible)).size === 0;
      if (!found.exists || !found.final || hidden) {
        if (ref === rootRef) throw new NotFoundError(`No entity named ${rootRef}`);
        // The walk stops below an ancestor the caller may not read, and does not name it.
        if (hidden) items[items.length - 1].parentEntityRefs = [];
        break;
      }
      items.push({ entity: JSON.parse(found.final), parentEntityRefs: found.parentRef ? [found.parentRef] : [] });
      ref = found.parentRef;
    }
    return { rootEntityRef: rootRef, items };
  });

  http.post('/entities/by-refs', { config: { ...read, audit: false } }, async (request) => {
    const body = byRefsBody.parse(request.body ?? {});
    const q = request.query as Record<string, unknown>;
    const condition = body.query ? parsePredicate(body.query, request.principal) : parseFilterParams(q.filter, request.principal);
    const refs = body.entityRefs.map((ref) => {
      try {
        return stringifyEntityRef(parseEntityRef(ref));
      } catch {
        return `invalid:${ref}`;
      }
    });
    // A ref the caller may not read gets null, like a missing one.
    const rows = await queries.byRefs(refs, both(condition, await readable(request.principal)));
    const fields = body.fields?.length ? body.fields : undefined;
    return { items: rows.map((row) => (row ? presentEntity(row.final, fields) : null)) };
  });
}

function refFromParams(params: Params): string {
  return `${params.kind}:${params.namespace}/${params.name}`.toLowerCase();
}

function single(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new InputError('Parameter given more than once');
  return String(value);
}

function singles(q: Record<string, unknown>, keys: string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    keys.map((key) => {
      const value = q[key];
      if (Array.isArray(value)) throw new InputError(`${key} given more than once`);
      return [key, value === undefined ? undefined : String(value)];
    }),
  );
}

function decodeAfter(after: string): { limit: number; offset: number } {
  try {
    const parsed = JSON.parse(Buffer.from(after, 'base64').toString('utf8'));
    if (Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed;
  } catch {
    // fall through
  }
  throw new InputError('Malformed after cursor');
}

/** Backstage searches the sort field when no fields are named, else the uid. */
function fullTextFrom(term: string | undefined, fields: string[] | undefined, order: OrderField[]): FullTextFilter | undefined {
  const trimmed = term?.trim();
  if (!trimmed) return undefined;
  const named = (fields ?? []).map((f) => f.trim()).filter(Boolean);
  return { term: trimmed, fields: named.length ? named : [order[0]?.field ?? 'metadata.uid'] };
}
