import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanupOnSignals, isInterrupted, onCleanup, runCleanup } from './cleanup';
import { parseCatalogBenchArgs, USAGE, type CatalogBenchOptions } from './cliArgs';
import { createPostgresDatabase, sqliteDatabase } from './database';
import { generateOrg } from './generateOrg';
import { HttpClient } from './httpClient';
import { waitForIngest } from './ingest';
import { reportBenchFailure } from './logTail';
import { runLoad } from './loadRunner';
import { BENCH_DATA_DIR, REPO_ROOT, SERVER_CLI } from './paths';
import { createRng } from './prng';
import { registerThroughApi } from './register';
import { reingestUnchanged } from './reingest';
import { formatReport, summaryJson, verdicts, type CatalogBenchResult, type LatencyRun } from './report';
import { catalogScenarios } from './scenarios';
import { findFreePort, ServerProcess, writeServerConfig } from './serverProcess';
import { ensureOrgDirectory } from './writeOrg';

// `npm run bench:catalog -- --entities N [--db sqlite|postgres] [--keep]`
// Generates an org, starts the real server on it and prints how long the
// catalog takes to ingest it and to answer the reads a portal makes.
// Exits non-zero when a step fails or any request got a wrong answer;
// missed targets are reported, not failed: they are figures, not tests.

const INGEST_TIMEOUT_MS = 15 * 60_000;
const WARMUP_REQUESTS = 30;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function run(options: CatalogBenchOptions): Promise<CatalogBenchResult> {
  if (!existsSync(SERVER_CLI)) {
    throw new Error(`${path.relative(REPO_ROOT, SERVER_CLI)} not found: build the server first (npm run build -w packages/server)`);
  }

  progress(`Generating an org of ${options.entities.toLocaleString('en-US')} entities (seed "${options.seed}")…`);
  const org = generateOrg({ entities: options.entities, seed: options.seed });
  const orgDir = await ensureOrgDirectory(org, BENCH_DATA_DIR);
  progress(`${orgDir.reused ? 'Reusing' : 'Wrote'} ${path.relative(REPO_ROOT, orgDir.dir)} (${org.files.length} files)`);

  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-bench-'));
  let keepTmp = options.keep;
  onCleanup('remove the temp dir', async () => {
    if (keepTmp) progress(`Kept ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  });
  const db = options.db === 'postgres' ? await createPostgresDatabase() : sqliteDatabase(tmpDir);
  onCleanup('drop the benchmark database', async () => {
    if (options.keep) progress(`Kept the database: ${db.description}`);
    else await db.drop();
  });

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configPath = await writeServerConfig(tmpDir, { port, databaseUrl: db.url, locationTarget: orgDir.glob, repoRoot: REPO_ROOT });
  const logPath = path.join(tmpDir, 'server.log');
  progress(`Starting the server on ${baseUrl} (${db.description}); log: ${logPath}`);
  const spawnedAt = performance.now();
  const server = ServerProcess.start({ cliPath: SERVER_CLI, configPath, logPath, cwd: REPO_ROOT });
  onCleanup('stop the server', () => server.stop());
  // Whatever fails from here on, the log is the first thing to read: keep it.
  const failWithLog = (error: unknown): never => {
    if (!isInterrupted()) keepTmp = true;
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { serverLog: logPath });
  };
  const guard = () => {
    if (isInterrupted()) throw new Error('Interrupted');
    server.assertRunning();
  };
  const client = new HttpClient(baseUrl, options.concurrency);
  onCleanup('close the HTTP pool', () => client.close());

  try {
    const ingestSeconds = await waitForIngest({ client, org, spawnedAt, timeoutMs: INGEST_TIMEOUT_MS, guard, progress });
    progress(`Ingested in ${ingestSeconds.toFixed(1)} s`);

    const latencies: LatencyRun[] = [];
    for (const scenario of catalogScenarios(org)) {
      const rng = createRng(`${options.seed}:latency:${scenario.id}`);
      // Warm-up: JIT, statement caches and the page cache, which any running portal has.
      await runLoad(client, scenario.requests(rng, WARMUP_REQUESTS), 1, isInterrupted);
      for (const clients of [1, options.concurrency]) {
        guard();
        progress(`Measuring ${scenario.label}, ${clients} client${clients === 1 ? '' : 's'}…`);
        const result = await runLoad(client, scenario.requests(rng, options.requests), clients, isInterrupted);
        latencies.push({ id: scenario.id, label: scenario.label, clients, result });
      }
    }

    progress('Re-ingesting the unchanged location…');
    const reingest = await reingestUnchanged(client, orgDir.glob, org.counts);

    progress('Registering a new location through the API…');
    const rng = createRng(`${options.seed}:register`);
    const teams = org.entities.filter((e) => e.kind === 'Group' && e.spec.type === 'team');
    const components = org.entities.filter((e) => e.kind === 'Component');
    const registered = await registerThroughApi({
      client,
      dataDir: BENCH_DATA_DIR,
      owner: rng.pick(teams).metadata.name,
      dependency: rng.pick(components).metadata.name,
      guard,
    });
    onCleanup('remove the registered file', async () => {
      if (!options.keep) await registered.remove();
    });

    guard();
    const peakRssMb = server.peakRssMb();
    return {
      entities: org.entities.length,
      db: options.db,
      seed: options.seed,
      requests: options.requests,
      ingestSeconds,
      reingestSeconds: reingest.seconds,
      registerMs: registered.ms,
      peakRssMb,
      latencies,
      warnings: reingest.warning ? [reingest.warning] : [],
    };
  } catch (error) {
    return failWithLog(error);
  }
}

async function main(): Promise<number> {
  let options: CatalogBenchOptions;
  try {
    options = parseCatalogBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  cleanupOnSignals();
  try {
    const result = await run(options);
    await runCleanup();
    process.stdout.write(`\n${formatReport(result)}\n\nsummary (JSON):\n${summaryJson(result)}\n`);
    const missed = verdicts(result).filter((v) => !v.met).length;
    if (missed > 0) process.stdout.write(`\n${missed} target${missed === 1 ? '' : 's'} missed.\n`);
    const errors = result.latencies.reduce((sum, r) => sum + r.result.errors, 0);
    if (errors > 0) {
      process.stderr.write(`\n!!! ${errors} REQUEST ERROR${errors === 1 ? '' : 'S'}: these figures are not valid. First errors:\n`);
      for (const run of result.latencies) for (const sample of run.result.errorSamples) process.stderr.write(`  ${sample}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    await runCleanup();
    if (isInterrupted()) return 130;
    reportBenchFailure('catalog', error);
    return 1;
  }
}

process.exitCode = await main();
