import { parseArgs } from 'node:util';
import { positiveInt } from './cliArgs';
import { DEFAULT_SEED, MIN_ENTITIES } from './generateOrg';

// Command-line options of `npm run bench:search -- ...`. Without --entities only the
// (fast) relevance run over the demo organisation happens.

export interface SearchScaleOptions {
  entities: number;
  docsPages: number;
  db: 'sqlite' | 'postgres';
  concurrency: number;
  seed: string;
}

export const SEARCH_USAGE = `Usage: npm run bench:search -- [options]

  (no options)       relevance (MRR, recall@5) over the demo organisation
  --entities N       instead, the scale run: search over a generated org of N entities
                     (min ${MIN_ENTITIES}) plus synthetic docs pages
  --docs-pages N     docs pages indexed in the scale run (default 10000)
  --db sqlite|postgres
                     database of the scale run (default sqlite: a copy of bench/.data/web-N.db;
                     postgres: a fresh database on $GREENROOM_TEST_PG, default postgres://postgres@127.0.0.1:5432/test)
  --concurrency N    clients of the concurrent query run (default 8)
  --seed WORD        generator seed (default ${DEFAULT_SEED})
`;

/** undefined: the default relevance run. */
export function parseSearchBenchArgs(argv: string[]): SearchScaleOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      entities: { type: 'string' },
      'docs-pages': { type: 'string', default: '10000' },
      db: { type: 'string', default: 'sqlite' },
      concurrency: { type: 'string', default: '8' },
      seed: { type: 'string', default: DEFAULT_SEED },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SEARCH_USAGE);
    process.exit(0);
  }
  const db = values.db;
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres, got "${db}"`);
  if (values.entities === undefined) {
    if (argv.length > 0) throw new Error('--docs-pages, --db, --concurrency and --seed belong to the scale run: add --entities N');
    return undefined;
  }
  return {
    entities: positiveInt('entities', values.entities, MIN_ENTITIES),
    docsPages: positiveInt('docs-pages', values['docs-pages'], 1),
    db,
    concurrency: positiveInt('concurrency', values.concurrency, 1),
    seed: values.seed,
  };
}
