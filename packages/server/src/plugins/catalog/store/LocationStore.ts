import { randomUUID } from 'node:crypto';
import { stringifyEntityRef, type Entity, type EntityProblem } from '@greenroom/model';
import type { Kysely } from 'kysely';
import { ConflictError } from '../../../core/errors';
import { generatedLocationEntity } from '../processing/walkLocation';
import type { CachedSource } from '../processing/walkLocation';
import type { CatalogTables } from './tables';

export interface StoredLocation {
  id: string;
  type: string;
  target: string;
  origin: 'config' | 'api';
  position: number;
  entityRef: string;
  status: LocationStatus | null;
}

export interface LocationStatus {
  lastRefreshAt: string;
  durationMs: number;
  /** Sources (files, URLs) seen by the last refresh: processed, skipped as unchanged, or failed to read/parse. */
  sources: { processed: number; unchanged: number; failed: number };
  errors: EntityProblem[];
}

type Row = CatalogTables['catalog_locations'];

function toLocation(row: Row): StoredLocation {
  return {
    id: row.id,
    type: row.type,
    target: row.target,
    origin: row.origin as StoredLocation['origin'],
    position: Number(row.position),
    entityRef: row.entity_ref,
    status: row.status ? (JSON.parse(row.status) as LocationStatus) : null,
  };
}

/** Registered locations and the per-source hashes that let unchanged sources be skipped. */
export class LocationStore {
  constructor(private readonly db: Kysely<CatalogTables>) {}

  async list(): Promise<StoredLocation[]> {
    const rows = await this.db.selectFrom('catalog_locations').selectAll().orderBy('position').orderBy('created_at').execute();
    return rows.map(toLocation);
  }

  async get(id: string): Promise<StoredLocation | undefined> {
    const row = await this.db.selectFrom('catalog_locations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toLocation(row) : undefined;
  }

  async findByTarget(type: string, target: string): Promise<StoredLocation | undefined> {
    const row = await this.db
      .selectFrom('catalog_locations')
      .selectAll()
      .where('type', '=', type)
      .where('target', '=', target)
      .executeTakeFirst();
    return row ? toLocation(row) : undefined;
  }

  async create(input: { type: string; target: string; origin: 'config' | 'api'; position?: number }): Promise<StoredLocation> {
    if (await this.findByTarget(input.type, input.target)) {
      throw new ConflictError(`Location ${input.type}:${input.target} already exists`);
    }
    const max = await this.db
      .selectFrom('catalog_locations')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst();
    const row: Row = {
      id: randomUUID(),
      type: input.type,
      target: input.target,
      origin: input.origin,
      position: input.position ?? Number(max?.max ?? 0) + 1,
      entity_ref: stringifyEntityRef(generatedLocationEntity(input)),
      status: null,
      created_at: new Date().toISOString(),
    };
    await this.db.insertInto('catalog_locations').values(row).execute();
    return toLocation(row);
  }

  async setPosition(id: string, position: number): Promise<void> {
    await this.db.updateTable('catalog_locations').set({ position }).where('id', '=', id).execute();
  }

  /** New type and target for a location; its source hashes are forgotten. */
  async retarget(id: string, to: { type: string; target: string }): Promise<void> {
    await this.db.deleteFrom('catalog_sources').where('location_id', '=', id).execute();
    await this.db
      .updateTable('catalog_locations')
      .set({ type: to.type, target: to.target, status: null, entity_ref: stringifyEntityRef(generatedLocationEntity(to)) })
      .where('id', '=', id)
      .execute();
  }

  async setStatus(id: string, status: LocationStatus): Promise<void> {
    await this.db
      .updateTable('catalog_locations')
      .set({ status: JSON.stringify(status) })
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('catalog_sources').where('location_id', '=', id).execute();
    await this.db.deleteFrom('catalog_locations').where('id', '=', id).execute();
  }

  async cachedSources(locationId: string): Promise<Map<string, CachedSource>> {
    const rows = await this.db
      .selectFrom('catalog_sources')
      .select(['source_key', 'hash', 'deps'])
      .where('location_id', '=', locationId)
      .execute();
    return new Map(rows.map((r) => [r.source_key, { hash: r.hash, deps: JSON.parse(r.deps) }]));
  }

  /** Replaces the location's source hashes: processed sources get their new hash, others are forgotten. */
  async saveSources(locationId: string, processed: Array<{ key: string; hash: string; deps: unknown }>, unchanged: Set<string>) {
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('catalog_sources').select('source_key').where('location_id', '=', locationId).execute();
      const keep = new Set([...unchanged, ...processed.map((p) => p.key)]);
      const stale = existing.map((r) => r.source_key).filter((k) => !keep.has(k));
      for (let i = 0; i < stale.length; i += 500) {
        await trx
          .deleteFrom('catalog_sources')
          .where('location_id', '=', locationId)
          .where('source_key', 'in', stale.slice(i, i + 500))
          .execute();
      }
      for (const p of processed) {
        await trx.deleteFrom('catalog_sources').where('location_id', '=', locationId).where('source_key', '=', p.key).execute();
        await trx
          .insertInto('catalog_sources')
          .values({ location_id: locationId, source_key: p.key, hash: p.hash, deps: JSON.stringify(p.deps) })
          .execute();
      }
    });
  }

  /** Location entities a source defined, so an unchanged source's targets are still followed. */
  async locationEntitiesOfSource(locationId: string, sourceKey: string): Promise<Entity[]> {
    const rows = await this.db
      .selectFrom('catalog_entities as e')
      .innerJoin('catalog_documents as d', 'd.entity_id', 'e.id')
      .select('d.body')
      .where('e.location_id', '=', locationId)
      .where('e.source_key', '=', sourceKey)
      .where('e.kind', '=', 'location')
      .execute();
    return rows.map((r) => JSON.parse(r.body) as Entity);
  }
}
