import type { Kysely } from 'kysely';
import type { Database } from '../../core/database';
import type { BuildWarning } from './build';

export type BuildState = 'queued' | 'building' | 'built' | 'failed';

export interface BuildStatus {
  state: BuildState | 'none';
  builtAt?: string;
  warnings: BuildWarning[];
  error?: string;
  sourceHash?: string;
}

interface Tables {
  techdocs_builds: {
    entity_ref: string;
    state: string;
    source_hash: string | null;
    built_at: string | null;
    warnings: string;
    error: string | null;
  };
}

/** One row per documented entity: its last build's state, source hash and warnings. */
export class BuildStore {
  private readonly db: Kysely<Tables>;

  constructor(database: Database) {
    this.db = database.db as Kysely<Tables>;
  }

  async get(entityRef: string): Promise<BuildStatus> {
    const row = await this.db.selectFrom('techdocs_builds').selectAll().where('entity_ref', '=', entityRef).executeTakeFirst();
    return row ? toStatus(row) : { state: 'none', warnings: [] };
  }

  /** Entities with a published site. */
  async builtRefs(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('techdocs_builds')
      .select('entity_ref')
      .where('built_at', 'is not', null)
      .orderBy('entity_ref')
      .execute();
    return rows.map((row) => row.entity_ref);
  }

  /** The statuses of many entities at once (the docs index); 'none' where nothing was built. */
  async statuses(entityRefs: string[]): Promise<Map<string, BuildStatus>> {
    const found = new Map<string, BuildStatus>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db
        .selectFrom('techdocs_builds')
        .selectAll()
        .where('entity_ref', 'in', entityRefs.slice(i, i + 500))
        .execute();
      for (const row of rows) found.set(row.entity_ref, toStatus(row));
    }
    return new Map(entityRefs.map((ref) => [ref, found.get(ref) ?? { state: 'none', warnings: [] }]));
  }

  async delete(entityRef: string): Promise<void> {
    await this.db.deleteFrom('techdocs_builds').where('entity_ref', '=', entityRef).execute();
  }

  /** Records a state; fields not given keep their value (a failed build keeps the last good one's). */
  async set(
    entityRef: string,
    update: { state: BuildState; sourceHash?: string; builtAt?: string; warnings?: BuildWarning[]; error?: string | null },
  ) {
    const values = {
      state: update.state,
      ...(update.sourceHash !== undefined && { source_hash: update.sourceHash }),
      ...(update.builtAt !== undefined && { built_at: update.builtAt }),
      ...(update.warnings !== undefined && { warnings: JSON.stringify(update.warnings) }),
      ...(update.error !== undefined && { error: update.error }),
    };
    await this.db
      .insertInto('techdocs_builds')
      .values({ entity_ref: entityRef, warnings: '[]', ...values })
      .onConflict((oc) => oc.column('entity_ref').doUpdateSet(values))
      .execute();
  }
}

function toStatus(row: Tables['techdocs_builds']): BuildStatus {
  return {
    state: row.state as BuildState,
    builtAt: row.built_at ?? undefined,
    warnings: JSON.parse(row.warnings) as BuildWarning[],
    error: row.error ?? undefined,
    sourceHash: row.source_hash ?? undefined,
  };
}
