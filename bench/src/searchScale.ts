import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../packages/server/src/core/config';
import { createLogger } from '../../packages/server/src/core/logger';
import { builtInPlugins } from '../../packages/server/src/plugins';
import { rebuildSearchIndex } from '../../packages/server/src/plugins/search';
import { createServer } from '../../packages/server/src/server';
import { benchDocsPlugin, type DocsOwner } from './benchDocsCollator';
import { createPostgresDatabase, type BenchDatabase } from './database';
import type { Entity } from './entity';
import { parseEntityRef, stringifyEntityRef } from './entityRefs';
import { generateOrg, type GeneratedOrg } from './generateOrg';
import { HttpClient, type HttpResponse } from './httpClient';
import { waitForIngest } from './ingest';
import { runLoad, type BenchRequest } from './loadRunner';
import { BENCH_DATA_DIR, REPO_ROOT } from './paths';
import { pollUntil } from './poll';
import { createRng, type Rng } from './prng';
import type { SearchScaleOptions } from './searchArgs';
import { cachedSqliteDatabase } from './webDatabase';
import { ensureOrgDirectory, type OrgDirectory } from './writeOrg';
import { findFreePort } from './serverProcess';
import { percentile, summarise, type LatencyStats } from './stats';

// `npm run bench:search -- --entities N`: search at scale (issue 6, "Performance"). The
// server runs in this process and listens on a free port, so every figure is a real HTTP
// round trip. SQLite starts from a copy of the web benchmark's ingested database (its
// cache stays untouched); PostgreSQL from a fresh database that ingests the org first.

const TARGETS = { queryP95Ms: 50, graphP95Ms: 50, reindexSeconds: 60, lagSeconds: 2 };
const QUERY_MIX = 300;
const GRAPH_REQUESTS = 100;
const LAG_RUNS = 3;
const READY_TIMEOUT_MS = 15 * 60_000;

const QUERY_KINDS = ['exact', 'prefix', 'description', 'typo', 'owner', 'kindApiOwner', 'dependsOn', 'consumes'] as const;
type QueryKind = (typeof QUERY_KINDS)[number];
interface MixQuery {
  kind: QueryKind;
  term: string;
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

export async function runSearchScale(options: SearchScaleOptions): Promise<void> {
  progress(`Generating an org of ${options.entities.toLocaleString('en-US')} entities (seed "${options.seed}")…`);
  const org = generateOrg({ entities: options.entities, seed: options.seed });
  const orgDir = await ensureOrgDirectory(org, BENCH_DATA_DIR);
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-bench-search-scale-'));
  let database: BenchDatabase | undefined;
  try {
    database = options.db === 'postgres' ? await createPostgresDatabase() : await copiedSqliteDatabase(orgDir, options.entities, tmpDir);
    progress(`Database: ${database.description}`);
    await measure(options, org, orgDir, database);
  } finally {
    await database?.drop();
    await rm(tmpDir, { recursive: true, force: true });
  }
}

/** A copy of bench/.data/web-N.db, so the search tables added here never reach the web benchmark's cache. */
async function copiedSqliteDatabase(orgDir: OrgDirectory, entities: number, tmpDir: string): Promise<BenchDatabase> {
  const cached = await cachedSqliteDatabase(path.join(BENCH_DATA_DIR, `web-${entities}.db`), orgDir);
  const file = path.join(tmpDir, 'search.db');
  if (cached.reused) {
    progress(`Copying ${path.relative(REPO_ROOT, cached.file)}…`);
    await copyFile(cached.file, file);
    if (existsSync(`${cached.file}-wal`)) await copyFile(`${cached.file}-wal`, `${file}-wal`);
  } else {
    progress(`No complete ${path.relative(REPO_ROOT, cached.file)} (run npm run bench:web once to cache it): ingesting from scratch`);
  }
  return { url: `sqlite:${file}`, description: `sqlite copy ${file}${cached.reused ? '' : ' (fresh ingest)'}`, drop: async () => {} };
}

async function measure(options: SearchScaleOptions, org: GeneratedOrg, orgDir: OrgDirectory, database: BenchDatabase): Promise<void> {
  const port = await findFreePort();
  const config = parseConfig(
    {
      server: { port, host: '127.0.0.1', baseUrl: `http://127.0.0.1:${port}` },
      database: { url: database.url },
      catalog: {
        rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
        locations: [{ type: 'file', target: orgDir.glob }],
        refresh: { intervalSeconds: 3600 },
      },
      reading: { fileRoots: [REPO_ROOT] },
    },
    { rootDir: REPO_ROOT, env: {} },
  );
  const components = org.entities.filter((e) => e.kind === 'Component');
  const docsOwners: DocsOwner[] = components.map((c) => ({ name: c.metadata.name, owner: ownerRef(c) }));

  const startedAt = performance.now();
  const app = await createServer(config, {
    logger: createLogger({ level: 'warn' }),
    plugins: [...builtInPlugins, benchDocsPlugin(docsOwners, options.docsPages, options.seed)],
  });
  const client = new HttpClient(`http://127.0.0.1:${port}`, options.concurrency);
  try {
    await app.start();
    await app.listen();
    if (options.db === 'postgres') {
      progress('Waiting for the catalog to ingest the org (PostgreSQL starts empty)…');
      await waitForIngest({ client, org, spawnedAt: startedAt, timeoutMs: READY_TIMEOUT_MS, guard: () => {}, progress });
      progress(`  ingested in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    }
    progress('Waiting for the search index to hold every entity and docs page…');
    await waitForFullIndex(client, org, options.docsPages);
    const initialBuildSeconds = (performance.now() - startedAt) / 1000;
    progress(`  index complete ${initialBuildSeconds.toFixed(1)} s after start`);

    const mix = queryMix(org, createRng(`${options.seed}-search-mix`));
    const perKind = new Map<QueryKind, number[]>();
    const empty = new Map<QueryKind, number>();
    const requests = mix.map((q): BenchRequest => ({
      path: queryPath(q.term),
      check: (response) => {
        const body = response.body as { results?: unknown[] } | undefined;
        if (!Array.isArray(body?.results)) return 'no results array';
        if (body.results.length === 0) empty.set(q.kind, (empty.get(q.kind) ?? 0) + 1);
        perKind.set(q.kind, [...(perKind.get(q.kind) ?? []), response.ms]);
        return undefined;
      },
    }));
    progress('Warming up, then timing the query mix sequentially…');
    await runLoad(client, requests.slice(0, 50), 1);
    perKind.clear();
    empty.clear();
    const sequential = await runLoad(client, requests, 1);
    const sequentialPerKind = new Map(perKind);
    const sequentialEmpty = new Map(empty);
    progress(`Timing the query mix with ${options.concurrency} concurrent clients…`);
    const concurrent = await runLoad(client, requests, options.concurrency);

    progress('Timing graph queries (depth 5)…');
    const graphRoots = createRng(`${options.seed}-graph`).sample(components, GRAPH_REQUESTS);
    const graph = await runLoad(
      client,
      graphRoots.map((c) => ({
        path: `/api/catalog/graph?root=${encodeURIComponent(`component:default/${c.metadata.name}`)}&depth=5`,
        check: (r: HttpResponse) => (r.body === undefined ? 'not JSON' : undefined),
      })),
      1,
    );

    progress('Full reindex, querying meanwhile…');
    const reindex = await timeReindex(app, client, requests);
    progress(`  ${reindex.seconds.toFixed(1)} s`);

    progress(`Index lag after an edit (${LAG_RUNS} runs)…`);
    const lags = [];
    for (let i = 0; i < LAG_RUNS; i++) lags.push(await measureLag(client, org, orgDir, components[(i * 7919) % components.length], i));

    const report: ScaleReport = {
      bench: 'search-scale',
      db: options.db,
      entities: org.entities.length,
      docsPages: options.docsPages,
      initialBuildSeconds: round(initialBuildSeconds),
      reindexSeconds: round(reindex.seconds),
      duringReindex: { queries: reindex.stats.count, errors: reindex.errors, p95Ms: round(reindex.stats.p95) },
      sequential: loadSummary(sequential.stats, sequential.errors),
      concurrent: { clients: options.concurrency, ...loadSummary(concurrent.stats, concurrent.errors) },
      perKindSequentialP95Ms: Object.fromEntries(QUERY_KINDS.map((k) => [k, round(percentile(sorted(sequentialPerKind.get(k)), 95))])),
      emptyResults: Object.fromEntries(QUERY_KINDS.map((k) => [k, sequentialEmpty.get(k) ?? 0])),
      graph: loadSummary(graph.stats, graph.errors),
      lagFromWriteMs: lags.map((l) => Math.round(l.fromWriteMs)),
      lagFromRefreshMs: lags.map((l) => Math.round(l.fromRefreshMs)),
    };
    printReport(report, sequentialPerKind, [...sequential.errorSamples, ...concurrent.errorSamples, ...graph.errorSamples]);
  } finally {
    await client.close();
    await app.close();
  }
}

/** Every entity and docs page searchable: a known name answers and the per-type counts are complete. */
async function waitForFullIndex(client: HttpClient, org: GeneratedOrg, docsPages: number): Promise<void> {
  const known = org.samples.componentWithDeps.name;
  let last = '';
  await pollUntil(
    async () => {
      const [name, status] = await Promise.all([client.get(queryPath(known)), client.get('/api/search/status')]);
      const documents = (status.body as { documents?: Record<string, number> } | undefined)?.documents ?? {};
      const count = (type: string) => documents[type] ?? 0;
      const found = ((name.body as { results?: Array<{ document: { entityRef?: string } }> }).results ?? []).some(
        (r) => r.document.entityRef === `component:default/${known}`,
      );
      last = `name found: ${found}, entities ${count('software-catalog')}/${org.entities.length}, docs ${count('techdocs')}/${docsPages}`;
      return found && count('software-catalog') >= org.entities.length && count('techdocs') >= docsPages ? true : undefined;
    },
    { intervalMs: 250, timeoutMs: READY_TIMEOUT_MS, what: 'the complete search index', describeLast: () => last },
  );
}

async function timeReindex(app: Awaited<ReturnType<typeof createServer>>, client: HttpClient, requests: BenchRequest[]) {
  let done = false;
  const started = performance.now();
  const rebuild = rebuildSearchIndex(app).finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; !done; i++) {
    const request = requests[i % requests.length];
    const response = await client.get(request.path).catch(() => undefined);
    if (response?.status === 200 && !request.check(response)) latencies.push(response.ms);
    else errors++;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await rebuild;
  return { seconds: (performance.now() - started) / 1000, stats: summarise(latencies, 0), errors };
}

/** Appends a fresh word to one entity's description in its YAML file, refreshes, and times until search finds it. */
async function measureLag(client: HttpClient, org: GeneratedOrg, orgDir: OrgDirectory, entity: Entity, run: number) {
  const file = org.files.find((f) => f.entities.includes(entity));
  if (!file) throw new Error(`No file holds ${entity.metadata.name}`);
  const filePath = path.join(orgDir.dir, ...file.path.split('/'));
  const original = await readFile(filePath, 'utf8');
  const word = `lagprobe${lettersOf(Date.now())}${'abc'[run]}`;
  const nameLine = `  name: ${entity.metadata.name}\n`;
  const at = original.indexOf(nameLine);
  const descriptionAt = original.indexOf('  description: ', at);
  const lineEnd = original.indexOf('\n', descriptionAt);
  if (at < 0 || descriptionAt < 0 || lineEnd < 0) throw new Error(`No description line for ${entity.metadata.name} in ${filePath}`);
  const edited = `${original.slice(0, lineEnd)} ${word}${original.slice(lineEnd)}`;
  const entityRef = `component:default/${entity.metadata.name}`;
  try {
    const written = performance.now();
    await writeFile(filePath, edited);
    const refresh = await client.post('/api/catalog/refresh?wait=true', { entityRef }, { timeoutMs: 120_000 });
    if (refresh.status !== 200) throw new Error(`refresh of ${entityRef} answered ${refresh.status}: ${refresh.text.slice(0, 200)}`);
    const refreshed = performance.now();
    await pollUntil(
      async () => {
        const r = await client.get(queryPath(word));
        return ((r.body as { results?: unknown[] } | undefined)?.results?.length ?? 0) > 0 ? true : undefined;
      },
      { intervalMs: 20, timeoutMs: 60_000, what: `search to find "${word}"` },
    );
    const found = performance.now();
    return { fromWriteMs: found - written, fromRefreshMs: found - refreshed };
  } finally {
    await writeFile(filePath, original);
    await client.post('/api/catalog/refresh?wait=true', { entityRef }, { timeoutMs: 120_000 });
  }
}

/** The mix, kind by kind in turn so every kind is equally represented; terms drawn from the org. */
export function queryMix(org: GeneratedOrg, rng: Rng): MixQuery[] {
  const byKind = (kind: Entity['kind']) => org.entities.filter((e) => e.kind === kind);
  const components = byKind('Component');
  const apis = byKind('API');
  const groups = byKind('Group');
  const nameWords = (e: Entity) => e.metadata.name.split('-').filter((w) => /^[a-z]{4,}$/.test(w));
  const wordy = components.filter((c) => nameWords(c).length > 0);
  const withDeps = components.filter((c) => refsOf(c, 'dependsOn', 'component').some((r) => r.kind === 'component'));
  const consumers = wordy.filter((c) => refsOf(c, 'consumesApis', 'api').length > 0);
  const make: Record<QueryKind, () => string> = {
    exact: () => rng.pick(components).metadata.name,
    prefix: () => rng.pick(nameWords(rng.pick(wordy))).slice(0, 4),
    description: () => {
      const words = (rng.pick(components).metadata.description ?? '').split(/\W+/).filter((w) => /^[a-z]{4,}$/.test(w));
      return rng.sample(words, 2).join(' ');
    },
    typo: () => {
      const word = rng.pick(nameWords(rng.pick(wordy)));
      const i = rng.int(1, word.length - 2);
      const replacement = word[i] === 'x' ? 'y' : 'x';
      return `${word.slice(0, i)}${replacement}${word.slice(i + 1)}`;
    },
    owner: () => `owner:${rng.pick(groups).metadata.name}`,
    kindApiOwner: () => `kind:api owner:${parseEntityRef(ownerRef(rng.pick(apis)), 'group').name}`,
    dependsOn: () =>
      `dependsOn:component:${rng.pick(refsOf(rng.pick(withDeps), 'dependsOn', 'component').filter((r) => r.kind === 'component')).name}`,
    consumes: () => {
      const consumer = rng.pick(consumers);
      return `consumes:api:${rng.pick(refsOf(consumer, 'consumesApis', 'api')).name} ${rng.pick(nameWords(consumer))}`;
    },
  };
  return Array.from({ length: QUERY_MIX }, (_, i) => {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length];
    return { kind, term: make[kind]() };
  });
}

function refsOf(entity: Entity, field: string, defaultKind: string) {
  const values = entity.spec[field];
  return Array.isArray(values) ? values.map((v) => parseEntityRef(String(v), defaultKind)) : [];
}

function ownerRef(entity: Entity): string {
  return stringifyEntityRef(parseEntityRef(String(entity.spec.owner), 'group'));
}

const queryPath = (term: string) => `/api/search/query?term=${encodeURIComponent(term)}&pageLimit=10`;
const sorted = (values: number[] | undefined) => [...(values ?? [])].sort((a, b) => a - b);
const round = (n: number) => Math.round(n * 10) / 10;
const lettersOf = (n: number) => n.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]);

function loadSummary(stats: LatencyStats, errors: number) {
  return { requests: stats.count, errors, p50Ms: round(stats.p50), p95Ms: round(stats.p95), max: round(stats.max), rps: round(stats.rps) };
}

type LoadSummary = ReturnType<typeof loadSummary>;

interface ScaleReport {
  bench: 'search-scale';
  db: string;
  entities: number;
  docsPages: number;
  initialBuildSeconds: number;
  reindexSeconds: number;
  duringReindex: { queries: number; errors: number; p95Ms: number };
  sequential: LoadSummary;
  concurrent: LoadSummary & { clients: number };
  perKindSequentialP95Ms: Record<string, number>;
  emptyResults: Record<string, number>;
  graph: LoadSummary;
  lagFromWriteMs: number[];
  lagFromRefreshMs: number[];
}

function printReport(report: ScaleReport, perKind: Map<QueryKind, number[]>, errorSamples: string[]): void {
  const verdict = (value: number, target: number) => (value <= target ? 'ok' : 'MISSED');
  const maxLag = Math.max(...report.lagFromWriteMs);
  const lines = [
    '',
    `Search at scale: ${report.entities.toLocaleString('en-US')} entities + ${report.docsPages.toLocaleString('en-US')} docs pages (${report.db}, in-process server over HTTP)`,
    '',
    `  ${'measure'.padEnd(44)} ${'value'.padStart(12)}  target    `,
    `  ${'initial index complete after start'.padEnd(44)} ${`${report.initialBuildSeconds} s`.padStart(12)}  —`,
    `  ${'full reindex'.padEnd(44)} ${`${report.reindexSeconds} s`.padStart(12)}  ≤ ${TARGETS.reindexSeconds} s    ${verdict(report.reindexSeconds, TARGETS.reindexSeconds)}`,
    `  ${`  queries during it: ${report.duringReindex.queries}, errors ${report.duringReindex.errors}, p95`.padEnd(44)} ${`${report.duringReindex.p95Ms} ms`.padStart(12)}  —`,
    `  ${'query p95, sequential'.padEnd(44)} ${`${report.sequential.p95Ms} ms`.padStart(12)}  ≤ ${TARGETS.queryP95Ms} ms   ${verdict(report.sequential.p95Ms, TARGETS.queryP95Ms)}`,
    `  ${`query p95, ${report.concurrent.clients} concurrent clients`.padEnd(44)} ${`${report.concurrent.p95Ms} ms`.padStart(12)}  ≤ ${TARGETS.queryP95Ms} ms   ${verdict(report.concurrent.p95Ms, TARGETS.queryP95Ms)}`,
    ...QUERY_KINDS.map(
      (k) =>
        `  ${`  ${k} (${perKind.get(k)?.length ?? 0} queries, ${report.emptyResults[k]} empty)`.padEnd(44)} ${`${report.perKindSequentialP95Ms[k]} ms`.padStart(12)}  sequential p95`,
    ),
    `  ${'graph depth 5 p95, sequential'.padEnd(44)} ${`${report.graph.p95Ms} ms`.padStart(12)}  ≤ ${TARGETS.graphP95Ms} ms   ${verdict(report.graph.p95Ms, TARGETS.graphP95Ms)}`,
    `  ${'index lag from the file write (max of 3)'.padEnd(44)} ${`${maxLag} ms`.padStart(12)}  ≤ ${TARGETS.lagSeconds * 1000} ms ${verdict(maxLag, TARGETS.lagSeconds * 1000)}`,
    `  ${'  each from the write / from refresh end'.padEnd(44)} ${report.lagFromWriteMs.join(', ')} / ${report.lagFromRefreshMs.join(', ')} ms`,
    `  errors: queries ${report.sequential.errors} + ${report.concurrent.errors}, graph ${report.graph.errors}`,
    ...errorSamples.map((e) => `    ${e}`),
    '',
    'summary (JSON):',
    JSON.stringify(report),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
