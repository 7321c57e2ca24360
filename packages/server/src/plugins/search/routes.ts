import type { FastifyInstance } from 'fastify';
import { InputError } from '../../core/errors';
import type { Permissions } from '../../core/permissions';
import { FACET_KEYS, type SearchIndex } from './engine/SearchIndex';
import { POST_TAG, PRE_TAG } from './engine/highlight';
import { searchPermissions } from './permissions';
import { addFilter, filterKey, normalizeFilterValue, parseQuery } from './query/parseQuery';
import { visiblePage } from './visiblePage';

const DEFAULT_PAGE_LIMIT = 25;
const MAX_PAGE_LIMIT = 100;
const MAX_TERM_LENGTH = 1000;

type RawQuery = Record<string, string | string[] | undefined>;

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function single(query: RawQuery, name: string): string | undefined {
  const values = list(query[name]);
  if (values.length > 1) throw new InputError(`${name}: must be given once`);
  return values[0];
}

/** A page cursor is the offset of the page's first result, opaque to clients. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isSafeInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // Reported below like any other malformed cursor.
  }
  throw new InputError('pageCursor: not a cursor this server issued');
}

function pageLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InputError(`pageLimit: must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
  return limit;
}

/** GET /query in Backstage's search wire shape, plus facet counts; GET /status, Greenroom's own. */
export function registerSearchRoutes(http: FastifyInstance, index: SearchIndex, permissions: Permissions) {
  // What the index holds, exactly (queries stop counting at 1,000): for operators and readiness checks.
  http.get('/status', { config: { permission: searchPermissions.status } }, async () => ({
    generation: await index.generation(),
    documents: await index.documentCounts(),
  }));

  http.get('/query', { config: { permission: searchPermissions.query } }, async (request) => {
    const query = request.query as RawQuery;
    const term = single(query, 'term') ?? '';
    if (term.length > MAX_TERM_LENGTH) throw new InputError(`term: longer than ${MAX_TERM_LENGTH} characters`);
    const parsed = parseQuery(term);
    for (const [name, value] of Object.entries(query)) {
      const match = /^filters\[(.*)\]$/.exec(name);
      if (!match) continue;
      const key = filterKey(match[1]);
      if (!key) throw new InputError(`${name}: unknown filter "${match[1]}"`);
      for (const raw of list(value)) {
        try {
          addFilter(parsed.filters, key, normalizeFilterValue(key, raw));
        } catch (error) {
          throw new InputError(`${name}: ${(error as Error).message}`);
        }
      }
    }
    const types = [...list(query['types[]']), ...list(query.types)].filter(Boolean);
    const limit = pageLimit(single(query, 'pageLimit'));
    const cursor = single(query, 'pageCursor');
    const offset = cursor ? decodeCursor(cursor) : 0;

    const withFacets = single(query, 'facets');
    if (withFacets !== undefined && withFacets !== 'true' && withFacets !== 'false') throw new InputError('facets: must be true or false');

    const asked = { ...parsed, types, offset, limit, facets: withFacets === 'true' ? FACET_KEYS : [] };
    const page = await visiblePage(index, permissions, request.principal, asked);
    return {
      results: page.hits.map((hit, i) => ({
        type: hit.type,
        document: { ...hit.fields, title: hit.title, text: hit.text, location: hit.location },
        highlight: { preTag: PRE_TAG, postTag: POST_TAG, fields: hit.highlight ?? {} },
        rank: offset + i + 1,
      })),
      ...(page.nextOffset !== undefined ? { nextPageCursor: encodeCursor(page.nextOffset) } : {}),
      ...(offset > 0 ? { previousPageCursor: encodeCursor(Math.max(0, offset - limit)) } : {}),
      numberOfResults: page.total,
      // Greenroom addition: numberOfResults is a lower bound (counting stops at 1,000).
      ...(page.totalCapped ? { numberOfResultsCapped: true } : {}),
      ...(withFacets === 'true' ? { facets: page.facets } : {}),
    };
  });
}
