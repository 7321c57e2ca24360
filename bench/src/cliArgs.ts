import { parseArgs } from 'node:util';
import { DEFAULT_SEED, MIN_ENTITIES } from './generateOrg';

// Command-line options of `npm run bench:catalog -- ...`.

export interface CatalogBenchOptions {
  entities: number;
  db: 'sqlite' | 'postgres';
  keep: boolean;
  requests: number;
  concurrency: number;
  seed: string;
}

export const USAGE = `Usage: npm run bench:catalog -- --entities N [options]

  --entities N       size of the generated organisation (default 100000, min ${MIN_ENTITIES})
  --db sqlite|postgres
                     database for the server (default sqlite). postgres creates a fresh
                     database on $GREENROOM_TEST_PG (default postgres://postgres@127.0.0.1:5432/test)
  --requests N       requests per latency scenario and mode (default 300)
  --concurrency N    clients in the concurrent mode (default 8)
  --seed WORD        generator seed (default ${DEFAULT_SEED})
  --keep             keep the temp dir, the postgres database and the registered file
`;

export function parseCatalogBenchArgs(argv: string[]): CatalogBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      entities: { type: 'string', default: '100000' },
      db: { type: 'string', default: 'sqlite' },
      keep: { type: 'boolean', default: false },
      requests: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '8' },
      seed: { type: 'string', default: DEFAULT_SEED },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const db = values.db;
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres, got "${db}"`);
  return {
    entities: positiveInt('entities', values.entities, MIN_ENTITIES),
    db,
    keep: values.keep,
    requests: positiveInt('requests', values.requests, 1),
    concurrency: positiveInt('concurrency', values.concurrency, 1),
    seed: values.seed,
  };
}

export function positiveInt(name: string, raw: string, min: number): number {
  // Accept 100_000 and 100,000 as people type them.
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}
