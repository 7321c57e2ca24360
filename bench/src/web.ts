import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { cleanupOnSignals, isInterrupted, onCleanup, runCleanup } from './cleanup';
import { generateOrg } from './generateOrg';
import { HttpClient } from './httpClient';
import { reportBenchFailure } from './logTail';
import { waitForIngest } from './ingest';
import { BENCH_DATA_DIR, REPO_ROOT, SERVER_CLI } from './paths';
import { pollUntil } from './poll';
import { findFreePort, ServerProcess, writeServerConfig } from './serverProcess';
import { launchChromium, scriptsLoadedBy, timedLoad } from './webBrowser';
import { parseWebBenchArgs, WEB_USAGE, type WebBenchOptions } from './webArgs';
import { allJsSizes, distFileOf, jsSize } from './webBundle';
import { cachedSqliteDatabase } from './webDatabase';
import { formatWebReport, webSummaryJson, webVerdicts, type PageId, type PageTiming, type WebBenchResult } from './webReport';
import { ensureOrgDirectory } from './writeOrg';

// `npm run bench:web -- [--entities N] [--runs N]`
// Builds the web app (the npm script does), then prints how much JavaScript the
// catalog route costs and how fast a first-time visitor sees the catalog and an
// entity's graph, against the real server holding the generated org. Exits
// non-zero when a step fails or a page never shows what it is timed on; missed
// targets are reported, not failed.

const WEB_DIST = path.join(REPO_ROOT, 'packages', 'web', 'dist');
const SERVER_READY_TIMEOUT_MS = 15 * 60_000;
const PAGE_TIMEOUT_MS = 15_000;

/** What the web app renders once a page has its data: the contract the measurements rely on. */
const SELECTORS = {
  catalogRow: '[data-testid="catalog-table"] tbody tr[data-entity-ref]',
  graphNode: '[data-testid="entity-graph"] .react-flow__node',
} as const;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function run(options: WebBenchOptions): Promise<WebBenchResult> {
  if (!existsSync(SERVER_CLI)) {
    throw new Error(`${path.relative(REPO_ROOT, SERVER_CLI)} not found: build the server first (npm run build -w packages/server)`);
  }
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`${path.relative(REPO_ROOT, WEB_DIST)}/index.html not found: build the web app first (npm run build -w packages/web)`);
  }

  progress(`Generating an org of ${options.entities.toLocaleString('en-US')} entities (seed "${options.seed}")…`);
  const org = generateOrg({ entities: options.entities, seed: options.seed });
  const orgDir = await ensureOrgDirectory(org, BENCH_DATA_DIR);
  progress(`${orgDir.reused ? 'Reusing' : 'Wrote'} ${path.relative(REPO_ROOT, orgDir.dir)} (${org.files.length} files)`);
  const db = await cachedSqliteDatabase(path.join(BENCH_DATA_DIR, `web-${options.entities}.db`), orgDir);
  progress(
    db.reused
      ? `Reusing the ingested database ${path.relative(REPO_ROOT, db.file)}`
      : `No complete database yet: ingesting into ${path.relative(REPO_ROOT, db.file)}`,
  );

  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-bench-web-'));
  let keepTmp = false;
  onCleanup('remove the temp dir', async () => {
    if (keepTmp) progress(`Kept ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  });

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const configPath = await writeServerConfig(tmpDir, { port, databaseUrl: db.url, locationTarget: orgDir.glob, repoRoot: REPO_ROOT });
  const logPath = path.join(tmpDir, 'server.log');
  progress(`Starting the server on ${baseUrl}; log: ${logPath}`);
  const spawnedAt = performance.now();
  const spawnedAtWallClock = Date.now();
  const server = ServerProcess.start({ cliPath: SERVER_CLI, configPath, logPath, cwd: REPO_ROOT });
  onCleanup('stop the server', () => server.stop());
  const guard = () => {
    if (isInterrupted()) throw new Error('Interrupted');
    server.assertRunning();
  };
  const client = new HttpClient(baseUrl, 1);
  onCleanup('close the HTTP pool', () => client.close());

  try {
    await waitForIngest({ client, org, spawnedAt, timeoutMs: SERVER_READY_TIMEOUT_MS, guard, progress });
    // A cached database is complete at once, but the server re-reads the location when it starts:
    // wait for that too, so it does not compete with the page loads.
    await waitForRefreshSince(client, spawnedAtWallClock, guard);
    const readySeconds = (performance.now() - spawnedAt) / 1000;
    await db.markComplete();
    progress(`Server ready with the whole org in ${readySeconds.toFixed(1)} s`);

    const browser = await launchChromium();
    onCleanup('close Chromium', () => browser.close());

    progress('Collecting the JavaScript /catalog loads…');
    const scripts = await scriptsLoadedBy(browser, `${baseUrl}/catalog`, 60_000);
    if (scripts.length === 0) throw new Error('/catalog loaded no JavaScript: is the web app built?');
    const catalogRouteJs = await Promise.all(scripts.map((url) => jsSize(WEB_DIST, distFileOf(WEB_DIST, url, baseUrl))));
    const distJs = await allJsSizes(WEB_DIST);

    const component = org.samples.componentWithDeps.name;
    const pages: PageTiming[] = [];
    for (const page of [
      { id: 'catalogFirstPage', label: 'catalog first page', path: '/catalog?filters[kind]=component', selector: SELECTORS.catalogRow },
      {
        id: 'entityGraph',
        label: 'entity page with graph, idle',
        path: `/catalog/default/component/${component}`,
        selector: SELECTORS.graphNode,
        untilIdle: true,
      },
    ] as const) {
      guard();
      progress(`Timing ${page.path}: 1 warm-up + ${options.runs} cold loads…`);
      pages.push(await timePage(browser, baseUrl, page, options.runs, guard));
    }

    guard();
    return {
      entities: org.entities.length,
      seed: options.seed,
      runs: options.runs,
      databaseReused: db.reused,
      readySeconds,
      catalogRouteJs,
      distJs,
      pages,
    };
  } catch (error) {
    if (!isInterrupted()) keepTmp = true;
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { serverLog: logPath });
  }
}

interface PageToTime {
  id: PageId;
  label: string;
  path: string;
  selector: string;
  untilIdle?: boolean;
}

/** Until every location has finished a refresh that began at or after `since` (lastRefreshAt is when it began). */
async function waitForRefreshSince(client: HttpClient, since: number, guard: () => void): Promise<void> {
  await pollUntil(
    async () => {
      const response = await client.get('/api/catalog/locations', { timeoutMs: 10_000 });
      if (response.status !== 200) throw new Error(`locations answered ${response.status}: ${response.text.slice(0, 200)}`);
      const locations = response.body as Array<{ data: { status?: { lastRefreshAt?: string } } }>;
      return locations.every((l) => Date.parse(l.data.status?.lastRefreshAt ?? '') >= since) ? true : undefined;
    },
    { intervalMs: 100, timeoutMs: SERVER_READY_TIMEOUT_MS, what: 'the start-up refresh of the catalog locations', guard },
  );
}

/**
 * One warm-up load (the server's JIT and page cache, which any running portal has warm),
 * then `runs` timed ones. Stops at the first load that never shows the selector.
 */
async function timePage(browser: Browser, baseUrl: string, page: PageToTime, runs: number, guard: () => void): Promise<PageTiming> {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    guard();
    const load = await timedLoad(browser, {
      url: `${baseUrl}${page.path}`,
      selector: page.selector,
      untilIdle: page.untilIdle ?? false,
      timeoutMs: PAGE_TIMEOUT_MS,
    });
    if (load.ms === undefined) {
      const failure =
        `${page.path}: nothing matched ${page.selector} within ${PAGE_TIMEOUT_MS / 1000} s of navigation start. ` +
        'The web app must render that element once the page has its data (see docs/benchmarks.md, "Web app").';
      progress(`  not shown within ${PAGE_TIMEOUT_MS / 1000} s: ${page.selector}`);
      return { id: page.id, label: page.label, path: page.path, samples, failure };
    }
    if (i > 0) samples.push(load.ms);
  }
  return { id: page.id, label: page.label, path: page.path, samples };
}

async function main(): Promise<number> {
  let options: WebBenchOptions;
  try {
    options = parseWebBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${WEB_USAGE}`);
    return 2;
  }
  cleanupOnSignals();
  try {
    const result = await run(options);
    await runCleanup();
    process.stdout.write(`\n${formatWebReport(result)}\n\nsummary (JSON):\n${webSummaryJson(result)}\n`);
    const missed = webVerdicts(result).filter((v) => v.met === false).length;
    if (missed > 0) process.stdout.write(`\n${missed} target${missed === 1 ? '' : 's'} missed.\n`);
    const unmeasured = result.pages.filter((p) => p.failure);
    if (unmeasured.length > 0) {
      process.stderr.write(
        `\n!!! ${unmeasured.length} PAGE${unmeasured.length === 1 ? '' : 'S'} NOT MEASURED: the web app never showed them.\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    await runCleanup();
    if (isInterrupted()) return 130;
    reportBenchFailure('web', error);
    return 1;
  }
}

process.exitCode = await main();
