import { ANNOTATION_ORPHAN, reverseRelationType, type Entity, type EntityStatusItem } from '@greenroom/model';
import type { Kysely } from 'kysely';
import { yieldToEventLoop } from '../../../core/yieldToEventLoop';
import { ENTITY_ID_COLUMN, FINAL_COLUMN, ID_COLUMN, SEARCH_COLUMNS, STITCHED_COLUMNS } from './bulkColumns';
import { SEARCH_INDEXES, refreshStatistics, withoutIndexes } from './bulkIndexes';
import type { Database } from '../../../core/database';
import { sha1 } from './EntityWriter';
import { buildSearchRows } from './searchRows';
import type { CatalogTables } from './tables';

const BATCH = 2000;
/** Pending entities from which a stitch rebuilds the search index instead of updating it. */
const BULK_THRESHOLD = 20_000;

/**
 * Turns written rows into what the API serves: the processed body, every relation
 * whose source is the entity (whoever emitted it), its errors and orphan flag.
 * Rebuilds the entity's search rows in the same transaction.
 */
export class Stitcher {
  private readonly db: Kysely<CatalogTables>;

  /** `onBatch` runs after each committed batch, when newly served entities become visible. */
  constructor(
    private readonly database: Database,
    private readonly onBatch: () => void = () => {},
  ) {
    this.db = database.db as Kysely<CatalogTables>;
  }

  /** Stitches every pending entity; returns the refs whose served JSON changed. */
  async stitchPending(): Promise<string[]> {
    const pending = await this.countPending();
    // Maintaining the (key, value) index row by row costs about three times building it
    // once; a large stitch (a first import, a mass change) drops it and builds it after.
    if (pending < BULK_THRESHOLD) return this.stitchAll();
    const changed = await withoutIndexes(this.db, SEARCH_INDEXES, () => this.stitchAll());
    await refreshStatistics(this.database, ['catalog_entities', 'catalog_documents', 'catalog_relations', 'catalog_search']);
    return changed;
  }

  private async countPending(): Promise<number> {
    const row = await this.db
      .selectFrom('catalog_entities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('stitch_pending', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async stitchAll(): Promise<string[]> {
    const changed: string[] = [];
    let lastId = -1;
    for (;;) {
      await yieldToEventLoop();
      const rows = await this.db
        .selectFrom('catalog_entities as e')
        .innerJoin('catalog_documents as d', 'd.entity_id', 'e.id')
        .select(['e.id', 'e.ref', 'e.uid', 'd.body', 'e.body_hash', 'e.errors', 'e.orphan', 'e.final_hash'])
        .where('e.stitch_pending', '=', 1)
        .where('e.id', '>', lastId)
        .orderBy('e.id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return changed;
      lastId = Number(rows[rows.length - 1].id);
      changed.push(...(await this.stitchRows(rows)));
      this.onBatch();
    }
  }

  private async stitchRows(
    rows: Array<{
      id: number;
      ref: string;
      uid: string;
      body: string;
      body_hash: string;
      errors: string | null;
      orphan: number;
      final_hash: string | null;
    }>,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      // Relations are stored once, from the side that declared them: an entity's relations are
      // the rows it is the source of, plus the reverse of the rows it is the target of.
      const refs = rows.map((r) => r.ref);
      const outgoing = await trx
        .selectFrom('catalog_relations')
        .select(['source_ref', 'type', 'target_ref'])
        .where('source_ref', 'in', refs)
        .execute();
      const incoming = await trx
        .selectFrom('catalog_relations')
        .select(['source_ref', 'type', 'target_ref'])
        .where('target_ref', 'in', refs)
        .execute();
      const relationsBySource = new Map<string, Map<string, { type: string; targetRef: string }>>();
      const add = (source: string, type: string | undefined, targetRef: string) => {
        if (!type) return;
        const list = relationsBySource.get(source) ?? new Map();
        list.set(`${type}\u0000${targetRef}`, { type, targetRef });
        relationsBySource.set(source, list);
      };
      for (const r of outgoing) add(r.source_ref, r.type, r.target_ref);
      for (const r of incoming) add(r.target_ref, reverseRelationType(r.type), r.source_ref);

      const changed: string[] = [];
      const searchRows: unknown[][] = [];
      const restitched: number[] = [];
      const updates: unknown[][] = [];
      const finals: unknown[][] = [];
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
          relations: rels,
          ...(errors.length ? { status: { items: errors } } : {}),
        };
        // Everything the served JSON is made of, without serialising it twice.
        const contentHash = sha1(`${row.body_hash}\n${JSON.stringify(rels)}\n${row.errors ?? ''}\n${row.orphan}`);
        if (contentHash === row.final_hash) {
          restitched.push(row.id);
          continue;
        }
        const final: Entity = { ...withoutIds, metadata: { ...withoutIds.metadata, uid: row.uid, etag: contentHash } };
        updates.push([row.id, contentHash, contentHash, 0, 1]);
        finals.push([row.id, JSON.stringify(final)]);
        // The original case is stored only where it differs: most values are lowercase already.
        buildSearchRows(final).forEach((s, seq) =>
          searchRows.push([row.id, seq, s.key, s.value, s.originalValue === s.value ? null : s.originalValue]),
        );
        changed.push(row.ref);
      }
      await this.database.bulkUpdate(trx, 'catalog_entities', ID_COLUMN, STITCHED_COLUMNS, updates);
      await this.database.bulkUpdate(trx, 'catalog_documents', ENTITY_ID_COLUMN, [FINAL_COLUMN], finals);
      const changedSet = new Set(changed);
      // An entity stitched for the first time has no search rows to replace.
      const changedIds = rows.filter((r) => r.final_hash !== null && changedSet.has(r.ref)).map((r) => r.id);
      if (changedIds.length) await trx.deleteFrom('catalog_search').where('entity_id', 'in', changedIds).execute();
      await this.database.bulkInsert(trx, 'catalog_search', SEARCH_COLUMNS, searchRows);
      if (restitched.length) {
        await trx.updateTable('catalog_entities').set({ stitch_pending: 0 }).where('id', 'in', restitched).execute();
      }
      return changed;
    });
  }
}
