import { parseArgs } from 'node:util';
import { positiveInt } from './cliArgs';
import { DEFAULT_SEED, MIN_ENTITIES } from './generateOrg';

// Command-line options of `npm run bench:web -- ...`.

export interface WebBenchOptions {
  entities: number;
  /** Timed cold page loads per page. */
  runs: number;
  seed: string;
}

export const WEB_USAGE = `Usage: npm run bench:web -- [options]

  --entities N   size of the generated organisation (default 100000, min ${MIN_ENTITIES});
                 its SQLite database is kept in bench/.data/web-N.db for the next run
  --runs N       timed cold page loads per page (default 7)
  --seed WORD    generator seed (default ${DEFAULT_SEED})
`;

export function parseWebBenchArgs(argv: string[]): WebBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      entities: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '7' },
      seed: { type: 'string', default: DEFAULT_SEED },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(WEB_USAGE);
    process.exit(0);
  }
  return {
    entities: positiveInt('entities', values.entities, MIN_ENTITIES),
    runs: positiveInt('runs', values.runs, 1),
    seed: values.seed,
  };
}
