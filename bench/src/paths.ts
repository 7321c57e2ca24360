import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Absolute paths, resolved from this file rather than the working directory,
// so the benchmark behaves the same whether run through npm or directly.

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Gitignored; the server is allowed to read it because it lies under REPO_ROOT. */
export const BENCH_DATA_DIR = path.join(REPO_ROOT, 'bench', '.data');
/** Overridable to benchmark another build of the server (e.g. a release) against the same data. */
export const SERVER_CLI = process.env.GREENROOM_BENCH_CLI
  ? path.resolve(process.env.GREENROOM_BENCH_CLI)
  : path.join(REPO_ROOT, 'packages', 'server', 'dist', 'cli.js');
