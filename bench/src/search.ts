import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../packages/server/src/core/config';
import { createLogger } from '../../packages/server/src/core/logger';
import { createServer } from '../../packages/server/src/server';
import { waitForIngestion } from '../../packages/server/src/testing/app';
import { REPO_ROOT } from './paths';
import { reportBenchFailure } from './logTail';
import { parseSearchBenchArgs, SEARCH_USAGE } from './searchArgs';
import { loadQueries, meanOf, scoreQuery } from './searchRelevance';
import { runSearchScale } from './searchScale';
import { summarise } from './stats';

// `npm run bench:search`: relevance of /api/search/query over the demo organisation
// (bench/search-relevance/queries.yaml) — MRR and recall@5 — and the latency of those
// queries. The server runs in this process on a fresh SQLite database (or PostgreSQL
// with GREENROOM_DATABASE_URL=postgres://…), with the demo config of greenroom.yaml.
// With --entities N it runs the scale part instead (bench/src/searchScale.ts).

const QUERIES = path.join(REPO_ROOT, 'bench', 'search-relevance', 'queries.yaml');
const REPEATS = 5;
const TARGET_MRR = 0.85;

interface SearchAnswer {
  results: Array<{ document: { entityRef?: string; title: string } }>;
}

async function main(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-bench-search-'));
  const demo = parse(await readFile(path.join(REPO_ROOT, 'greenroom.yaml'), 'utf8')) as Record<string, unknown>;
  const config = parseConfig(
    { ...demo, database: { url: process.env.GREENROOM_DATABASE_URL ?? `sqlite:${path.join(dir, 'greenroom.db')}` } },
    { rootDir: REPO_ROOT, env: { GREENROOM_DATA_DIR: path.join(dir, 'data') } },
  );
  const app = await createServer(config, { logger: createLogger({ level: 'warn' }) });
  try {
    await app.start();
    await waitForIngestion(app, 60_000);
    const search = async (term: string): Promise<{ refs: string[]; ms: number }> => {
      const started = performance.now();
      const res = await app.http.inject({ method: 'GET', url: `/api/search/query?term=${encodeURIComponent(term)}&pageLimit=10` });
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`"${term}" answered ${res.statusCode}: ${res.body}`);
      return { refs: (res.json() as SearchAnswer).results.map((r) => r.document.entityRef ?? r.document.title), ms };
    };
    await waitForIndex(search);

    const queries = await loadQueries(QUERIES);
    const latencies: number[] = [];
    const scores = [];
    const misses: string[] = [];
    for (const q of queries) {
      const { refs } = await search(q.query);
      const score = scoreQuery(refs, q.relevant);
      scores.push(score);
      if (score.reciprocalRank < 1)
        misses.push(`  ${q.query.padEnd(58)} rr ${score.reciprocalRank.toFixed(2)}  got ${refs.slice(0, 3).join(', ') || '(nothing)'}`);
      for (let i = 0; i < REPEATS; i += 1) latencies.push((await search(q.query)).ms);
    }
    const mrr = meanOf(scores.map((s) => s.reciprocalRank));
    const recall = meanOf(scores.map((s) => s.recallAt5));
    const latency = summarise(latencies, 0);
    process.stdout.write(
      `\nSearch relevance over the demo organisation (${queries.length} queries, ${config.database.url.split(':')[0]})\n`,
    );
    process.stdout.write(`  MRR          ${mrr.toFixed(3)}   (target ≥ ${TARGET_MRR})${mrr >= TARGET_MRR ? '' : '  MISSED'}\n`);
    process.stdout.write(`  recall@5     ${recall.toFixed(3)}\n`);
    process.stdout.write(
      `  latency      p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms over ${latency.count} requests (in-process)\n`,
    );
    if (misses.length) process.stdout.write(`\nNot first (${misses.length}):\n${misses.join('\n')}\n`);
    process.stdout.write(
      `\nsummary (JSON):\n${JSON.stringify({ bench: 'search', queries: queries.length, mrr: round(mrr), recallAt5: round(recall), p50Ms: round(latency.p50), p95Ms: round(latency.p95) })}\n`,
    );
    return 0;
  } catch (error) {
    reportBenchFailure('search', error);
    return 1;
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The index is built in the background after ingestion: wait until a known name is found. */
async function waitForIndex(search: (term: string) => Promise<{ refs: string[] }>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await search('orders-api')).refs.length === 0) {
    if (Date.now() > deadline) throw new Error('The search index stayed empty for 30 s after ingestion');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

async function run(): Promise<number> {
  let scale;
  try {
    scale = parseSearchBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${SEARCH_USAGE}`);
    return 2;
  }
  if (!scale) return main();
  try {
    await runSearchScale(scale);
    return 0;
  } catch (error) {
    reportBenchFailure('search', error);
    return 1;
  }
}

process.exitCode = await run();
