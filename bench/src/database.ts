import path from 'node:path';
import pg from 'pg';

// The database the server under test writes to: a file in the run's temp dir
// for SQLite, or a fresh PostgreSQL database per run, so no run ever measures
// (or damages) data left by another.

export interface BenchDatabase {
  /** Goes into greenroom.yaml as `database.url`. */
  url: string;
  /** Where the data lives, for the report. */
  description: string;
  /** Removes the PostgreSQL database; SQLite goes with the temp dir. */
  drop(): Promise<void>;
}

export const DEFAULT_PG_BASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function sqliteDatabase(tmpDir: string): BenchDatabase {
  const file = path.join(tmpDir, 'bench.db');
  return { url: `sqlite:${file}`, description: `sqlite ${file}`, drop: async () => {} };
}

export async function createPostgresDatabase(baseUrl = process.env.GREENROOM_TEST_PG || DEFAULT_PG_BASE_URL): Promise<BenchDatabase> {
  const base = new URL(baseUrl);
  if (!LOOPBACK.has(base.hostname)) {
    throw new Error(`Refusing to create a benchmark database on ${base.hostname}: only a local PostgreSQL is allowed`);
  }
  const name = `greenroom_bench_${Date.now()}`;
  await withClient(baseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    description: `postgres ${url.host}/${name}`,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends connections a killed server may have left half-open.
      await withClient(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
