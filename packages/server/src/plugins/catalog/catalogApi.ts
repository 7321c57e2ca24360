import type { Entity } from '@greenroom/model';
import path from 'node:path';
import { InputError, NotFoundError } from '../../core/errors';
import type { CatalogApi } from './extensions';
import { parseFilterParams } from './query/conditions';
import type { CatalogService } from './service';

const ORIGIN = 'backstage.io/managed-by-origin-location';
const parse = (final: string) => JSON.parse(final) as Entity;

/** The in-process catalog client other plugins use (see extensions.ts). */
export function createCatalogApi(catalog: CatalogService): CatalogApi {
  const { queries, locations, engine } = catalog;

  const normalise = (location: { type: 'url' | 'file'; target: string }) => {
    if (location.type === 'file' && !path.isAbsolute(location.target)) throw new InputError('a file location needs an absolute path');
    return location.type === 'file' ? { type: location.type, target: path.normalize(location.target) } : location;
  };

  return {
    async getEntityByRef(ref) {
      const row = await queries.byRef(ref);
      return row ? parse(row.final) : undefined;
    },
    async getEntitiesByRefs(refs) {
      return (await queries.byRefs(refs)).map((row) => (row ? parse(row.final) : undefined));
    },
    async getEntities({ filter, limit, principal }) {
      const rows = await queries.list({
        condition: parseFilterParams(filter, principal),
        order: [{ field: 'metadata.name', order: 'asc' }],
        limit,
      });
      return rows.map((row) => parse(row.final));
    },
    async addLocation(input) {
      const { type, target } = normalise(input);
      await catalog.reader.checkAccess(type, target);
      const existing = await locations.findByTarget(type, target);
      const location = existing ?? (await locations.create({ type, target, origin: 'api' }));
      await engine.refreshLocation(location.id, { force: Boolean(existing) });
      // Every entity a location produced carries its origin; the Location entity itself comes first.
      const rows = await queries.list({
        condition: { key: `metadata.annotations.${ORIGIN}`, values: [`${type}:${target}`.toLowerCase()] },
        order: [],
      });
      const entities = rows.map((row) => parse(row.final)).sort((a, b) => Number(b.kind === 'Location') - Number(a.kind === 'Location'));
      return { locationId: location.id, exists: Boolean(existing), entities };
    },
    async analyzeLocation(input) {
      const location = normalise(input);
      await catalog.reader.checkAccess(location.type, location.target);
      const result = await engine.dryRun(location);
      return { entities: result.entities, errors: result.errors.map((e) => ({ message: e.message })) };
    },
    async refreshEntity(ref) {
      const locationId = await queries.locationIdOf(ref);
      if (!locationId) throw new NotFoundError(`No entity named ${ref}`);
      await engine.refreshLocation(locationId);
    },
  };
}
