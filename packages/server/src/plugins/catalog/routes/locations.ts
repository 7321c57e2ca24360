import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InputError, NotAllowedError, NotFoundError } from '../../../core/errors';
import { catalogPermissions } from '../permissions';
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
    const existing = await locations.findByTarget(body.type, target);

    if (dryRun) {
      const result = await engine.dryRun({ type: body.type, target });
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
    const rows = await catalog.queries.byRefs([location.entityRef]);
    reply.code(201);
    return { location: presentLocation(stored), entities: rows.filter((r) => r !== null).map((r) => presentEntity(r!.final, undefined)) };
  });

  http.post('/locations/by-query', { config: read }, async (request) => {
    const body = locationQuery.parse(request.body ?? {});
    let all = (await locations.list()).map(presentLocation);
    if (body.query) all = all.filter((l) => matchesLocation(l, body.query!));
    const offset = body.cursor ? decodeOffset(body.cursor) : 0;
    const limit = body.limit ?? 100;
    const items = all.slice(offset, offset + limit);
    const next = offset + limit < all.length ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64') : undefined;
    return { items, totalItems: all.length, pageInfo: next ? { nextCursor: next } : {} };
  });

  http.get('/locations/by-entity/:kind/:namespace/:name', { config: read }, async (request) => {
    const { kind, namespace, name } = request.params as Record<string, string>;
    const ref = `${kind}:${namespace}/${name}`.toLowerCase();
    const locationId = await catalog.queries.locationIdOf(ref);
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
    const location = await locations.get(id);
    if (!location) throw new NotFoundError(`No location with id ${id}`);
    const target = body.type === 'file' ? normaliseFileTarget(body.target) : body.target;
    if (location.type !== body.type || location.target !== target) {
      // The generated Location entity's name derives from type and target, so the old tree goes.
      await engine.removeLocation(id);
      const replaced = await locations.create({ type: body.type, target, origin: location.origin, position: location.position });
      await engine.refreshLocation(replaced.id);
      return presentLocation((await locations.get(replaced.id)) ?? replaced);
    }
    return presentLocation(location);
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

function decodeOffset(cursor: string): number {
  try {
    const offset = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')).offset;
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new InputError('Malformed cursor');
}

/** Location queries are small equality predicates over id/type/target/entityRef. */
function matchesLocation(location: Record<string, unknown>, query: Record<string, unknown>): boolean {
  return Object.entries(query).every(([key, expected]) => {
    const actual = location[key];
    if (expected && typeof expected === 'object' && Array.isArray((expected as { $in?: unknown }).$in)) {
      return (expected as { $in: unknown[] }).$in.map(String).includes(String(actual));
    }
    return String(actual).toLowerCase() === String(expected).toLowerCase();
  });
}
