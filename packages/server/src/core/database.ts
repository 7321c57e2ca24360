import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type KyselyConfig, type Migration } from 'kysely';
import pg from 'pg';

export type DatabaseEngine = 'sqlite' | 'postgres';

/** One connection pool per server; plugins get the same handle and own their tables by prefix. */
export interface Database {
  engine: DatabaseEngine;
  // Plugins declare their own table types and narrow this handle with `as Kysely<TheirTables>`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  /**
   * Inserts many rows fast: prepared statements on SQLite, `unnest` arrays on PostgreSQL.
   * Call it only inside a transaction of `db` (pass the transaction) so it shares the connection.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  bulkInsert(trx: Kysely<any>, table: string, columns: BulkColumn[], rows: unknown[][]): Promise<void>;
  /**
   * Updates many rows by key, each with its own values: `rows` are [key, ...values] in the order
   * of `[key, ...columns]`. Same transaction rule as bulkInsert.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  bulkUpdate(trx: Kysely<any>, table: string, key: BulkColumn, columns: BulkColumn[], rows: unknown[][]): Promise<void>;
  close(): Promise<void>;
}

export interface BulkColumn {
  name: string;
  /** PostgreSQL array element type for unnest, e.g. 'text' or 'bigint'. */
  pgType: 'text' | 'bigint' | 'integer';
}

export interface OpenDatabaseOptions {
  /** Resolve relative sqlite paths against this directory. */
  rootDir?: string;
  /** PostgreSQL schema to use (created if missing); tests use one per test file. */
  schema?: string;
  /** Called for every query slower than `slowQueryMs` (default 250 ms). */
  onSlowQuery?: (sql: string, durationMs: number) => void;
  slowQueryMs?: number;
}

function slowQueryLog(options: OpenDatabaseOptions): KyselyConfig['log'] {
  const { onSlowQuery, slowQueryMs = 250 } = options;
  if (!onSlowQuery) return undefined;
  return (event) => {
    if (event.queryDurationMillis >= slowQueryMs) onSlowQuery(event.query.sql, Math.round(event.queryDurationMillis));
  };
}

// int8 (COUNT(*), bigserial) arrive as strings by default; our counts and ids fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const resolved = file === ':memory:' ? file : path.resolve(options.rootDir ?? process.cwd(), file);
    if (resolved !== ':memory:') mkdirSync(path.dirname(resolved), { recursive: true });
    const sqlite = new SqliteDatabase(resolved);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('cache_size = -65536'); // 64 MB page cache: the search index is read hot
    sqlite.pragma('busy_timeout = 5000');
    // Checkpoint less often: ingestion rewrites the same index pages many times between checkpoints.
    sqlite.pragma('wal_autocheckpoint = 10000');
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }), log: slowQueryLog(options) });
    const statements = new Map<string, SqliteDatabase.Statement>();
    return {
      engine: 'sqlite',
      db,
      async bulkInsert(_trx, table, columns, rows) {
        const text = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        let statement = statements.get(text);
        if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
        for (const row of rows) statement.run(row);
      },
      async bulkUpdate(_trx, table, key, columns, rows) {
        const text = `UPDATE ${table} SET ${columns.map((c) => `${c.name} = ?`).join(', ')} WHERE ${key.name} = ?`;
        let statement = statements.get(text);
        if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
        for (const [keyValue, ...values] of rows) statement.run([...values, keyValue]);
      },
      close: () => db.destroy(),
    };
  }
  const schema = options.schema;
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }), log: slowQueryLog(options) });
  return {
    engine: 'postgres',
    db,
    async bulkInsert(trx, table, columns, rows) {
      const chunkSize = 10_000;
      for (let start = 0; start < rows.length; start += chunkSize) {
        const chunk = rows.slice(start, start + chunkSize);
        const arrays = columns.map((_, index) => chunk.map((row) => row[index]));
        const unnest = columns.map((column, index) => sql`${arrays[index]}::${sql.raw(column.pgType)}[]`);
        await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
          SELECT * FROM unnest(${sql.join(unnest)})`.execute(trx);
      }
    },
    async bulkUpdate(trx, table, key, columns, rows) {
      const all = [key, ...columns];
      for (let start = 0; start < rows.length; start += 5_000) {
        const chunk = rows.slice(start, start + 5_000);
        const unnest = all.map((column, index) => sql`${chunk.map((row) => row[index])}::${sql.raw(column.pgType)}[]`);
        await sql`UPDATE ${sql.table(table)} AS t SET ${sql.join(columns.map((c) => sql`${sql.ref(c.name)} = v.${sql.ref(c.name)}`))}
          FROM unnest(${sql.join(unnest)}) AS v(${sql.join(all.map((c) => sql.ref(c.name)))})
          WHERE t.${sql.ref(key.name)} = v.${sql.ref(key.name)}`.execute(trx);
      }
    },
    close: () => db.destroy(),
  };
}

/** Runs one plugin's migrations, tracked in its own table so plugins never share migration state. */
export async function migratePlugin(database: Database, pluginId: string, migrations: Record<string, Migration>) {
  // Kysely looks for its bookkeeping tables in every schema unless told which one;
  // name ours, so several Greenroom schemas on one server (tests, tenants) stay apart.
  const schema =
    database.engine === 'postgres'
      ? ((await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema ?? 'public')
      : undefined;
  const migrator = new Migrator({
    ...(schema ? { migrationTableSchema: schema } : {}),
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: `${pluginId}_migrations`,
    migrationLockTableName: `${pluginId}_migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} of plugin "${pluginId}" failed: ${(error as Error).message}`);
  }
}
