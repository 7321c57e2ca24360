import { createHash, randomUUID } from 'node:crypto';
import { deriveRelations, type Entity, type EntityStatusItem } from '@greenroom/model';
import type { Kysely } from 'kysely';
import type { Database } from '../../../core/database';
import { BODY_COLUMN, ENTITY_ID_COLUMN, ENTITY_INSERT_COLUMNS, ENTITY_UPDATE_COLUMNS, ID_COLUMN, RELATION_COLUMNS } from './bulkColumns';
import { RELATION_INDEXES, createIndexes, dropIndexes } from './bulkIndexes';
import type { CatalogTables } from './tables';

/** An entity as processing produced it, ready to be stored. */
export interface EmittedEntity {
  entity: Entity;
  ref: string;
  /** Location ref (`file:/…`, `url:https://…`) the entity was read from. */
  sourceKey: string;
  /** Ref of the Location entity that led to this one; null for a registered location's own entity. */
  parentRef: string | null;
}

export interface Conflict {
  ref: string;
  ownerLocationId: string;
}

export interface BatchResult {
  added: string[];
  updated: string[];
  conflicts: Conflict[];
}

type Trx = Kysely<CatalogTables>;
const CHUNK = 500;

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * All writes of entities and relations. Each method is one transaction, so a reader
 * never sees an entity without its relations; stitching (separate) turns the
 * written rows into the JSON the API serves.
 */
export class EntityWriter {
  private readonly db: Kysely<CatalogTables>;

  constructor(private readonly database: Database) {
    this.db = database.db as Kysely<CatalogTables>;
  }

  async countForLocation(locationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('catalog_entities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('location_id', '=', locationId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A first import of many entities writes relations without their indexes, rebuilt by `endBulkLoad`. */
  async beginBulkLoad(): Promise<void> {
    await dropIndexes(this.db, RELATION_INDEXES);
  }

  async endBulkLoad(): Promise<void> {
    await createIndexes(this.db, RELATION_INDEXES);
  }

  /** Upserts a batch of one location's entities; refuses refs another location holds. */
  async applyBatch(locationId: string, batch: EmittedEntity[]): Promise<BatchResult> {
    const result: BatchResult = { added: [], updated: [], conflicts: [] };
    if (batch.length === 0) return result;
    await this.db.transaction().execute(async (trx) => {
      const existing = new Map<
        string,
        { id: number; location_id: string; body_hash: string; orphan: number; errors: string | null; uid: string }
      >();
      for (const refs of chunks(batch.map((e) => e.ref))) {
        const rows = await trx
          .selectFrom('catalog_entities')
          .select(['id', 'ref', 'location_id', 'body_hash', 'orphan', 'errors', 'uid'])
          .where('ref', 'in', refs)
          .execute();
        for (const row of rows) existing.set(row.ref, row);
      }

      const now = new Date().toISOString();
      const inserts: Array<{ emitted: EmittedEntity; body: string; hash: string }> = [];
      const changedIds: number[] = [];
      const relationsToInsert: Array<{ emitted: EmittedEntity; id?: number }> = [];
      const updates: unknown[][] = [];
      const bodies: unknown[][] = [];

      for (const emitted of batch) {
        const body = JSON.stringify(emitted.entity);
        const hash = sha1(`${body}\n${emitted.sourceKey}\n${emitted.parentRef ?? ''}`);
        const current = existing.get(emitted.ref);
        if (!current) {
          inserts.push({ emitted, body, hash });
          continue;
        }
        if (current.location_id !== locationId && !current.orphan) {
          result.conflicts.push({ ref: emitted.ref, ownerLocationId: current.location_id });
          continue;
        }
        const bodyChanged = current.body_hash !== hash || current.location_id !== locationId;
        if (!bodyChanged && !current.orphan && !current.errors) continue;
        updates.push([current.id, hash, null, 0, locationId, emitted.sourceKey, emitted.parentRef, 1, now]);
        bodies.push([current.id, body]);
        result.updated.push(emitted.ref);
        if (bodyChanged) {
          changedIds.push(current.id);
          relationsToInsert.push({ emitted, id: current.id });
        }
      }

      await this.database.bulkUpdate(trx, 'catalog_entities', ID_COLUMN, ENTITY_UPDATE_COLUMNS, updates);
      await this.database.bulkUpdate(trx, 'catalog_documents', ENTITY_ID_COLUMN, [BODY_COLUMN], bodies);

      await this.database.bulkInsert(
        trx,
        'catalog_entities',
        ENTITY_INSERT_COLUMNS,
        inserts.map(({ emitted, hash }) => {
          const { kind, namespace, name } = splitRef(emitted.ref);
          return [emitted.ref, kind, namespace, name, randomUUID(), locationId, emitted.sourceKey, emitted.parentRef, hash, 0, 1, now];
        }),
      );
      for (const chunk of chunks(inserts)) {
        const rows = await trx
          .selectFrom('catalog_entities')
          .select(['id', 'ref'])
          .where(
            'ref',
            'in',
            chunk.map((i) => i.emitted.ref),
          )
          .execute();
        const idByRef = new Map(rows.map((r) => [r.ref, Number(r.id)]));
        for (const { emitted } of chunk) {
          relationsToInsert.push({ emitted, id: idByRef.get(emitted.ref) });
          result.added.push(emitted.ref);
        }
        await this.database.bulkInsert(
          trx,
          'catalog_documents',
          [ENTITY_ID_COLUMN, BODY_COLUMN],
          chunk.map((i) => [idByRef.get(i.emitted.ref), i.body]),
        );
      }

      const touched = new Set<string>();
      for (const ids of chunks(changedIds)) {
        const old = await trx.selectFrom('catalog_relations').select('target_ref').where('originating_id', 'in', ids).execute();
        for (const row of old) touched.add(row.target_ref);
        await trx.deleteFrom('catalog_relations').where('originating_id', 'in', ids).execute();
      }
      const relationRows: unknown[][] = [];
      for (const { emitted, id } of relationsToInsert) {
        if (id === undefined) continue;
        touched.add(emitted.ref);
        // Only the entity's own side is stored; the stitcher reads the other side off target_ref.
        for (const relation of deriveRelations(emitted.entity)) {
          if (relation.source !== emitted.ref) continue;
          relationRows.push([id, relation.source, relation.type, relation.target]);
          touched.add(relation.target);
        }
      }
      await this.database.bulkInsert(trx, 'catalog_relations', RELATION_COLUMNS, relationRows);
      await markForStitching(trx, [...touched]);
    });
    return result;
  }

  /**
   * Keeps an entity's last good body but records why its newest version was refused.
   * Returns false when the location holds no such entity (the problem then belongs to the location).
   */
  async setErrors(ref: string, items: EntityStatusItem[] | null, locationId: string): Promise<boolean> {
    const errors = items && items.length > 0 ? JSON.stringify(items) : null;
    // Always marked for stitching; the stitcher skips the write when nothing visible changed.
    const res = await this.db
      .updateTable('catalog_entities')
      .set({ errors, stitch_pending: 1 })
      .where('ref', '=', ref)
      .where('location_id', '=', locationId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /**
   * Flags as orphans the location's entities that its sources no longer emit.
   * Entities of sources that could not be read or parsed this time are kept as they are.
   */
  async markOrphans(locationId: string, keep: { refs: Set<string>; sources: Set<string> }): Promise<string[]> {
    const rows = await this.db
      .selectFrom('catalog_entities')
      .select(['id', 'ref', 'source_key'])
      .where('location_id', '=', locationId)
      .where('orphan', '=', 0)
      .execute();
    const orphaned = rows.filter((r) => !keep.refs.has(r.ref) && !keep.sources.has(r.source_key));
    if (orphaned.length === 0) return [];
    await this.db.transaction().execute(async (trx) => {
      for (const ids of chunks(orphaned.map((r) => r.id))) {
        await trx.updateTable('catalog_entities').set({ orphan: 1, stitch_pending: 1 }).where('id', 'in', ids).execute();
      }
    });
    return orphaned.map((r) => r.ref);
  }

  /** Deletes entities with their relations and search rows; peers are restitched. */
  async deleteEntities(where: { locationId?: string; ids?: number[] }): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('catalog_entities').select(['id', 'ref', 'location_id', 'source_key']);
      if (where.locationId) query = query.where('location_id', '=', where.locationId);
      if (where.ids) query = query.where('id', 'in', where.ids.length ? where.ids : [-1]);
      const rows = await query.execute();
      const touched = new Set<string>();
      for (const ids of chunks(rows.map((r) => r.id))) {
        const relations = await trx
          .selectFrom('catalog_relations')
          .select(['source_ref', 'target_ref'])
          .where('originating_id', 'in', ids)
          .execute();
        for (const r of relations) {
          touched.add(r.source_ref);
          touched.add(r.target_ref);
        }
        await trx.deleteFrom('catalog_relations').where('originating_id', 'in', ids).execute();
        await trx.deleteFrom('catalog_search').where('entity_id', 'in', ids).execute();
        await trx.deleteFrom('catalog_documents').where('entity_id', 'in', ids).execute();
        await trx.deleteFrom('catalog_entities').where('id', 'in', ids).execute();
      }
      // A deleted entity whose source still emits it comes back on the next refresh: forget the source's hash.
      for (const row of rows) {
        await trx
          .deleteFrom('catalog_sources')
          .where('location_id', '=', row.location_id)
          .where('source_key', '=', row.source_key)
          .execute();
      }
      const deleted = new Set(rows.map((r) => r.ref));
      await markForStitching(
        trx,
        [...touched].filter((ref) => !deleted.has(ref)),
      );
      return [...deleted];
    });
  }
}

async function markForStitching(trx: Trx, refs: string[]) {
  for (const chunk of chunks(refs)) {
    await trx
      .updateTable('catalog_entities')
      .set({ stitch_pending: 1 })
      .where('ref', 'in', chunk)
      .where('stitch_pending', '=', 0)
      .execute();
  }
}

export function splitRef(ref: string): { kind: string; namespace: string; name: string } {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return { kind: ref.slice(0, colon), namespace: ref.slice(colon + 1, slash), name: ref.slice(slash + 1) };
}
