import os from 'node:os';
import { ms, table } from './report';
import { percentile } from './stats';
import { WEB_TARGETS } from './targets';
import { sumGzip, type JsSize } from './webBundle';

// The web benchmark's table and one-line JSON, both from one result (as report.ts
// does for the catalog). Page-load targets apply to the median: with a handful of
// cold loads, the p95 is the single slowest one and is shown for the spread.

export type PageId = 'catalogFirstPage' | 'entityGraph';

export interface PageTiming {
  id: PageId;
  label: string;
  path: string;
  /** Milliseconds from navigation start, one per completed load. */
  samples: number[];
  /** Set when a load never showed what it waited for; the samples are then incomplete. */
  failure?: string;
}

export interface WebBenchResult {
  entities: number;
  seed: string;
  runs: number;
  databaseReused: boolean;
  /** Server start until the whole org was queryable (ingestion on a first run). */
  readySeconds: number;
  catalogRouteJs: JsSize[];
  distJs: JsSize[];
  pages: PageTiming[];
}

const PAGE_TARGETS: Record<PageId, number> = {
  catalogFirstPage: WEB_TARGETS.catalogFirstPageMs,
  entityGraph: WEB_TARGETS.entityGraphMs,
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

interface Verdict {
  label: string;
  figure: string;
  target: string;
  met: boolean | undefined;
}

export function webVerdicts(result: WebBenchResult): Verdict[] {
  const routeGzip = sumGzip(result.catalogRouteJs);
  const rows: Verdict[] = [
    {
      label: 'JS loaded by /catalog (gzip -9)',
      figure: kb(routeGzip),
      target: `≤ ${WEB_TARGETS.catalogRouteJsKb} KB`,
      met: routeGzip <= WEB_TARGETS.catalogRouteJsKb * 1024,
    },
  ];
  for (const page of result.pages) {
    const median = percentile(sorted(page.samples), 50);
    rows.push({
      label: `${page.label} (median)`,
      figure: page.failure ? 'timed out' : `${ms(median)} ms`,
      target: `≤ ${PAGE_TARGETS[page.id]} ms`,
      met: page.failure ? undefined : median <= PAGE_TARGETS[page.id],
    });
  }
  return rows;
}

export function formatWebReport(result: WebBenchResult): string {
  const lines = [
    `Greenroom web benchmark: ${result.entities.toLocaleString('en-US')} entities, sqlite, headless Chromium, ` +
      `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    `(server ready in ${result.readySeconds.toFixed(1)} s, ${result.databaseReused ? 'cached database' : 'ingested this run'})`,
    '',
    ...table(
      ['measure', 'figure', 'target', ''],
      webVerdicts(result).map((v) => [v.label, v.figure, v.target, v.met === undefined ? 'NOT MEASURED' : v.met ? 'met' : 'MISSED']),
    ),
    '',
    ...table(
      ['cold page load (ms)', 'loads', 'median', 'p95', 'min', 'max'],
      result.pages.map((p) => {
        const s = sorted(p.samples);
        return [p.path, String(s.length), ms(percentile(s, 50)), ms(percentile(s, 95)), ms(s[0] ?? NaN), ms(s[s.length - 1] ?? NaN)];
      }),
    ),
    `(each load in a new browser context with the cache disabled, timed from navigation start; ${result.runs} per page after one warm-up)`,
    '',
    ...table(
      ['JS loaded by /catalog', 'bytes', 'gzip -9'],
      [...result.catalogRouteJs].sort((a, b) => b.gzipBytes - a.gzipBytes).map((f) => [f.file, kb(f.bytes), kb(f.gzipBytes)]),
    ),
    `all JS in dist: ${result.distJs.length} files, ${kb(result.distJs.reduce((sum, f) => sum + f.bytes, 0))}, ${kb(sumGzip(result.distJs))} gzipped`,
  ];
  for (const page of result.pages) if (page.failure) lines.push(`not measured: ${page.failure}`);
  return lines.join('\n');
}

export function webSummaryJson(result: WebBenchResult): string {
  const round = (n: number) => (Number.isNaN(n) ? null : Math.round(n));
  return JSON.stringify({
    bench: 'web',
    entities: result.entities,
    seed: result.seed,
    node: process.version,
    cpus: os.cpus().length,
    catalogRouteJsGzipKb: Number((sumGzip(result.catalogRouteJs) / 1024).toFixed(1)),
    distJsGzipKb: Number((sumGzip(result.distJs) / 1024).toFixed(1)),
    pageLoadMs: Object.fromEntries(
      result.pages.map((p) => {
        const s = sorted(p.samples);
        return [p.id, p.failure ? null : { median: round(percentile(s, 50)), p95: round(percentile(s, 95)), loads: s.length }];
      }),
    ),
    targetsMissed: webVerdicts(result)
      .filter((v) => v.met === false)
      .map((v) => v.label),
  });
}
