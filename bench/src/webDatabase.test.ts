import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedSqliteDatabase } from './webDatabase';
import { MARKER_FILE, type OrgDirectory } from './writeOrg';

// A cached database must never be trusted for another org, nor when the run that
// ingested it did not finish: either would time the pages on the wrong data.

let dir: string;
let org: OrgDirectory;
let dbFile: string;

const writeMarker = (seed: string) => writeFile(path.join(org.dir, MARKER_FILE), JSON.stringify({ entities: 100, seed }));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-webdb-'));
  org = { dir: path.join(dir, 'org-100'), glob: path.join(dir, 'org-100/**/*.yaml'), reused: true };
  await mkdir(org.dir);
  dbFile = path.join(dir, 'web-100.db');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('cached web benchmark database', () => {
  it('starts afresh when no run completed, and is reused once one has', async () => {
    await writeMarker('a');
    await writeFile(dbFile, 'left by an interrupted run');
    const first = await cachedSqliteDatabase(dbFile, org);
    expect(first.reused).toBe(false);
    expect(first.url).toBe(`sqlite:${dbFile}`);
    await expect(readFile(dbFile)).rejects.toThrow(/ENOENT/);

    await writeFile(dbFile, 'ingested');
    await first.markComplete();
    const second = await cachedSqliteDatabase(dbFile, org);
    expect(second.reused).toBe(true);
    expect(await readFile(dbFile, 'utf8')).toBe('ingested');
  });

  it('throws the database away, WAL files included, when the org was regenerated differently', async () => {
    await writeFile(`${dbFile}-wal`, 'wal');
    await writeMarker('b');
    const next = await cachedSqliteDatabase(dbFile, org);
    expect(next.reused).toBe(false);
    await expect(readFile(dbFile)).rejects.toThrow(/ENOENT/);
    await expect(readFile(`${dbFile}-wal`)).rejects.toThrow(/ENOENT/);
  });
});
