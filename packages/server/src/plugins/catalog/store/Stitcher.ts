import { ANNOTATION_ORPHAN, type Entity, type EntityStatusItem } from '@greenroom/model';
import type { Kysely } from 'kysely';
import type { Database } from '../../../core/database';
import { sha1, splitRef } from './EntityWriter';
import { buildSearchRows } from './searchRows';
import type { CatalogTables } from './tables';

const BATCH = 500;
const SEARCH_COLUMNS = [
  { name: 'entity_id', pgType: 'bigint' as const },
  { name: 'key', pgType: 'text' as const },
  { name: 'value', pgType: 'text' as const },
  { name: 'original_value', pgType: 'text' as const },
];

/**
 * Turns written rows into what the API serves: the processed body, every relation
 * whose source is the entity (whoever emitted it), its errors and orphan flag.
 * Rebuilds the entity's search rows in the same transaction.
 */
export class Stitcher {
  private readonly db: Kysely<CatalogTables>;

  constructor(private readonly database: Database) {
    this.db = database.db as Kysely<CatalogTables>;
  }

  /** Stitches every pending entity; returns the refs whose served JSON changed. */
  async stitchPending(): Promise<string[]> {
    const changed: string[] = [];
    let lastId = -1;
    for (;;) {
      const rows = await this.db
        .selectFrom('catalog_entities')
        .select(['id', 'ref', 'uid', 'body', 'errors', 'orphan', 'final_hash'])
        .where('stitch_pending', '=', 1)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return changed;
      lastId = Number(rows[rows.length - 1].id);
      changed.push(...(await this.stitchRows(rows)));
    }
  }

  private async stitchRows(
    rows: Array<{ id: number; ref: string; uid: string; body: string; errors: string | null; orphan: number; final_hash: string | null }>,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const relations = await trx
        .selectFrom('catalog_relations')
        .select(['source_ref', 'type', 'target_ref'])
        .where('source_ref', 'in', rows.map((r) => r.ref))
        .execute();
      const relationsBySource = new Map<string, Map<string, { type: string; targetRef: string }>>();
      for (const r of relations) {
        const list = relationsBySource.get(r.source_ref) ?? new Map();
        list.set(`${r.type}\u0000${r.target_ref}`, { type: r.type, targetRef: r.target_ref });
        relationsBySource.set(r.source_ref, list);
      }

      const changed: string[] = [];
      const searchRows: unknown[][] = [];
      const restitched: number[] = [];
      for (const row of rows) {
        const entity = JSON.parse(row.body) as Entity;
        const rels = [...(relationsBySource.get(row.ref)?.values() ?? [])].sort(
          (a, b) => a.type.localeCompare(b.type) || a.targetRef.localeCompare(b.targetRef),
        );
        const errors = row.errors ? (JSON.parse(row.errors) as EntityStatusItem[]) : [];
        const annotations = { ...entity.metadata.annotations };
        if (row.orphan) annotations[ANNOTATION_ORPHAN] = 'true';
        const withoutIds: Entity = {
          ...entity,
          metadata: {
            ...entity.metadata,
            ...(Object.keys(annotations).length ? { annotations } : {}),
          },
          relations: rels.map((r) => ({ type: r.type, targetRef: r.targetRef, target: splitRef(r.targetRef) })),
          ...(errors.length ? { status: { items: errors } } : {}),
        };
        const contentHash = sha1(JSON.stringify(withoutIds));
        if (contentHash === row.final_hash) {
          restitched.push(row.id);
          continue;
        }
        const final: Entity = { ...withoutIds, metadata: { ...withoutIds.metadata, uid: row.uid, etag: contentHash } };
        await trx
          .updateTable('catalog_entities')
          .set({ final: JSON.stringify(final), final_hash: contentHash, etag: contentHash, stitch_pending: 0 })
          .where('id', '=', row.id)
          .execute();
        for (const s of buildSearchRows(final)) searchRows.push([row.id, s.key, s.value, s.originalValue]);
        changed.push(row.ref);
      }
      const changedSet = new Set(changed);
      const changedIds = rows.filter((r) => changedSet.has(r.ref)).map((r) => r.id);
      if (changedIds.length) await trx.deleteFrom('catalog_search').where('entity_id', 'in', changedIds).execute();
      await this.database.bulkInsert(trx, 'catalog_search', SEARCH_COLUMNS, searchRows);
      if (restitched.length) {
        await trx.updateTable('catalog_entities').set({ stitch_pending: 0 }).where('id', 'in', restitched).execute();
      }
      return changed;
    });
  }
}
