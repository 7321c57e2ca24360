import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MARKER_FILE, type OrgDirectory } from './writeOrg';

// The web benchmark measures pages, not ingestion, so its SQLite database is kept
// in bench/.data between runs and only the first run pays for ingesting the org.
// A tag file beside it names the org it holds; it is written only once ingestion
// has been verified complete, so a database from an interrupted run or another
// org is thrown away rather than trusted.

export interface CachedDatabase {
  file: string;
  /** Goes into greenroom.yaml as `database.url`. */
  url: string;
  /** True when a complete database of this org was found. */
  reused: boolean;
  /** Records that the database now holds the whole org. */
  markComplete(): Promise<void>;
}

export async function cachedSqliteDatabase(file: string, org: OrgDirectory): Promise<CachedDatabase> {
  const tagFile = `${file}.org.json`;
  const orgMarker = await readFile(path.join(org.dir, MARKER_FILE), 'utf8');
  const tag = await readFile(tagFile, 'utf8').catch(() => undefined);
  const reused = tag === orgMarker;
  if (!reused) {
    for (const stale of [tagFile, file, `${file}-wal`, `${file}-shm`]) await rm(stale, { force: true });
  }
  return { file, url: `sqlite:${file}`, reused, markComplete: () => writeFile(tagFile, orgMarker) };
}
