import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, NotAllowedError, NotFoundError } from '../../../core/errors';
import { readableEntities } from '../permissionRules';
import { catalogPermissions } from '../permissions';
import { matchesCondition, parsePredicate } from '../query/conditions';
import { presentEntity, presentLocation } from '../presenters';
import type { CatalogService } from '../service';

const locationInput = z.strictObject({
  type: z.enum(['url', 'file'], { message: 'type must be url or file' }),
  target: z.string().min(1),
  presence: z.enum(['required', 'optional']).optional(),
});

const locationQuery = z.strictObject({
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  query: z.record(z.string(), z.unknown()).optional(),
});

export function registerLocationRoutes(http: FastifyInstance, catalog: CatalogService) {
  const { locations, engine } = catalog;
  const read = { permission: catalogPermissions.locationRead };

  const refuseWhenReadonly = () => {
    if (catalog.readonly) throw new NotAllowedError('The catalog is read-only (catalog.readonly in greenroom.yaml)');
  };

  http.get('/locations', { config: read }, async () => {
    return (await locations.list()).map((l) => ({ data: presentLocation(l) }));
  });

  http.post('/locations', { config: { permission: catalogPermissions.locationCreate } }, async (request, reply) => {
    const body = locationInput.parse(request.body ?? {});
    const q = request.query as Record<string, unknown>;
    const dryRun = q.dryRun === 'true' || q.dryRun === '';
    if (q.dryRun !== undefined && !['true', 'false', ''].includes(String(q.dryRun))) throw new InputError('dryRun must be true or false');
    const target = body.type === 'file' ? normaliseFileTarget(body.target) : body.target;
    request.auditResource = `${body.type}:${target}`;
    // A target the reading policy refuses is never read nor stored: registering it answers 403; a dry
    // run, which analyses, answers with the refusal as the problem it found, as for any unreadable target.
    const refusal = await catalog.reader.checkAccess(body.type, target).then(
      () => undefined,
      (error: unknown) => {
        if (dryRun && error instanceof NotAllowedError) return { file: target, message: error.message };
        throw error;
      },
    );
    const existing = await locations.findByTarget(body.type, target);

    if (dryRun) {
      const result = refusal ? { entities: [], errors: [refusal] } : await engine.dryRun({ type: body.type, target });
      reply.code(201);
      return {
        location: existing ? presentLocation(existing) : { id: `dryrun-${Date.now()}`, type: body.type, target },
        entities: result.entities,
        exists: Boolean(existing),
        errors: result.errors,
      };
    }
    refuseWhenReadonly();
    if (existing && q.onConflict === 'refresh') {
      await engine.refreshLocation(existing.id);
      reply.code(201);
      return { location: presentLocation(existing), entities: [], exists: true };
    }
    const location = await locations.create({ type: body.type, target, origin: 'api' });
    await engine.refreshLocation(location.id);
    const stored = (await locations.get(location.id)) ?? location;
    const rows = await catalog.queries.byRefs([location.entityRef], await readableEntities(catalog.permissions, request.principal));
    reply.code(201);
    return { location: presentLocation(stored), entities: rows.filter((r) => r !== null).map((r) => presentEntity(r!.final, undefined)) };
  });

  http.post('/locations/by-query', { config: { ...read, audit: false } }, async (request) => {
    const body = locationQuery.parse(request.body ?? {});
    // Follow-up requests send only the cursor: it carries the query and the page size.
    const page = body.cursor ? decodeLocationCursor(body.cursor) : { offset: 0, limit: body.limit ?? 100, query: body.query };
    const limit = body.cursor && body.limit ? body.limit : page.limit;
    const condition = page.query ? parsePredicate(page.query, request.principal) : undefined;
    const all = (await locations.list()).map(presentLocation).filter((l) => !condition || matchesCondition(condition, locationValues(l)));
    const items = all.slice(page.offset, page.offset + limit);
    const nextOffset = page.offset + limit;
    const pageInfo = nextOffset < all.length ? { nextCursor: encodeLocationCursor({ offset: nextOffset, limit, query: page.query }) } : {};
    return { items, totalItems: all.length, pageInfo };
  });

  http.get('/locations/by-entity/:kind/:namespace/:name', { config: read }, async (request) => {
    const { kind, namespace, name } = request.params as Record<string, string>;
    const ref = `${kind}:${namespace}/${name}`.toLowerCase();
    // Where an entity the caller may not read comes from is not theirs to learn either.
    const visible = await readableEntities(catalog.permissions, request.principal);
    const hidden = visible !== undefined && (await catalog.queries.refsMatching([ref], visible)).size === 0;
    const locationId = hidden ? undefined : await catalog.queries.locationIdOf(ref);
    const location = locationId ? await locations.get(locationId) : undefined;
    if (!location) throw new NotFoundError(`No location for entity ${ref}`);
    return presentLocation(location);
  });

  http.get('/locations/:id', { config: read }, async (request) => {
    const { id } = request.params as { id: string };
    const location = await locations.get(id);
    if (!location) throw new NotFoundError(`No location with id ${id}`);
    return presentLocation(location);
  });

  http.put('/locations/:id', { config: { permission: catalogPermissions.locationCreate } }, async (request) => {
    refuseWhenReadonly();
    const { id } = request.params as { id: string };
    const body = locationInput.parse(request.body ?? {});
    const target = body.type === 'file' ? normaliseFileTarget(body.target) : body.target;
    await catalog.reader.checkAccess(body.type, target);
    const moved = await engine.moveLocation(id, { type: body.type, target });
    return presentLocation(moved);
  });

  http.delete('/locations/:id', { config: { permission: catalogPermissions.locationDelete } }, async (request, reply) => {
    refuseWhenReadonly();
    const { id } = request.params as { id: string };
    const location = await locations.get(id);
    if (!location) throw new NotFoundError(`No location with id ${id}`);
    await engine.removeLocation(id);
    reply.code(204).send();
  });
}

/** File targets are stored absolute and normalised, so one file cannot be registered twice under two spellings. */
function normaliseFileTarget(target: string): string {
  if (!path.isAbsolute(target)) throw new InputError('target: a file location needs an absolute path');
  return path.normalize(target);
}

interface LocationCursor {
  offset: number;
  limit: number;
  query?: Record<string, unknown>;
}

function encodeLocationCursor(cursor: LocationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64');
}

function decodeLocationCursor(text: string): LocationCursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as LocationCursor;
    if (Number.isInteger(c.offset) && c.offset >= 0 && Number.isInteger(c.limit) && c.limit > 0) return c;
  } catch {
    // fall through
  }
  throw new InputError('Malformed cursor');
}

/** A location as lowercase key → values, for predicate matching. */
function locationValues(location: { id: string; type: string; target: string; entityRef: string }): Record<string, string[]> {
  return {
    id: [location.id.toLowerCase()],
    type: [location.type.toLowerCase()],
    target: [location.target.toLowerCase()],
    entityref: [location.entityRef.toLowerCase()],
  };
}
