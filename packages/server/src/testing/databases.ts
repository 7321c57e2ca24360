import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseEngine } from '../core/database';

/** Every database test runs on both engines. */
export const engines: DatabaseEngine[] = ['sqlite', 'postgres'];

export const testPostgresUrl = process.env.GREENROOM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresReachable: Promise<boolean> | undefined;

async function checkPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether PostgreSQL tests can run here. Under CI they must: an unreachable server
 * fails the run instead of skipping half of the suite.
 */
export async function postgresAvailable(): Promise<boolean> {
  postgresReachable ??= checkPostgres();
  const ok = await postgresReachable;
  if (!ok && process.env.CI) {
    throw new Error(`PostgreSQL is not reachable at ${testPostgresUrl} and CI is set: the PostgreSQL suite must run`);
  }
  return ok;
}

const opened: Array<{ database: Database; schema?: string }> = [];

/** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL schema. */
export async function freshDatabase(engine: DatabaseEngine): Promise<Database> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-test-'));
    const database = await openDatabase(`sqlite:${path.join(dir, 'test.db')}`);
    opened.push({ database });
    return database;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase(testPostgresUrl, { schema });
  opened.push({ database, schema });
  return database;
}

/** Closes every database opened by this test file and drops its PostgreSQL schemas. */
export async function closeTestDatabases(): Promise<void> {
  const schemas = opened.filter((o) => o.schema).map((o) => o.schema!);
  await Promise.all(opened.splice(0).map((o) => o.database.close()));
  if (schemas.length) {
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/**
 * The engines to run database tests on here: both, or SQLite alone on a machine
 * without PostgreSQL (never under CI, where postgresAvailable throws instead).
 * Use with top-level await: `describe.each(await availableEngines())(…)`.
 */
export async function availableEngines(): Promise<DatabaseEngine[]> {
  return (await postgresAvailable()) ? engines : ['sqlite'];
}
