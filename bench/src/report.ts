import os from 'node:os';
import type { LoadResult } from './loadRunner';
import { TARGETS, type ScenarioId } from './targets';

// The human table and the one-line JSON for docs/benchmarks.md, both from the
// same result, so the two can never disagree.

export interface LatencyRun {
  id: ScenarioId;
  label: string;
  clients: number;
  result: LoadResult;
}

export interface CatalogBenchResult {
  entities: number;
  db: string;
  seed: string;
  requests: number;
  ingestSeconds: number;
  reingestSeconds: number;
  registerMs: number;
  peakRssMb: number | undefined;
  latencies: LatencyRun[];
  warnings: string[];
}

interface Verdict {
  label: string;
  figure: string;
  target: string;
  met: boolean;
}

export function verdicts(result: CatalogBenchResult): Verdict[] {
  const rows: Verdict[] = [
    {
      label: 'ingest (spawn → all queryable)',
      figure: `${result.ingestSeconds.toFixed(1)} s`,
      target: `≤ ${TARGETS.ingestSeconds} s`,
      met: result.ingestSeconds <= TARGETS.ingestSeconds,
    },
    {
      label: 're-ingest unchanged',
      figure: `${result.reingestSeconds.toFixed(2)} s`,
      target: `≤ ${TARGETS.reingestSeconds} s`,
      met: result.reingestSeconds <= TARGETS.reingestSeconds,
    },
    {
      label: 'register → queryable',
      figure: `${Math.round(result.registerMs)} ms`,
      target: `≤ ${TARGETS.registerMs} ms`,
      met: result.registerMs <= TARGETS.registerMs,
    },
    {
      label: 'peak RSS (VmHWM)',
      figure: result.peakRssMb === undefined ? 'n/a' : `${Math.round(result.peakRssMb)} MB`,
      target: `≤ ${TARGETS.peakRssMb} MB`,
      met: result.peakRssMb !== undefined && result.peakRssMb <= TARGETS.peakRssMb,
    },
  ];
  for (const run of result.latencies.filter((r) => r.clients === 1)) {
    const target = TARGETS.p95Ms[run.id];
    rows.push({
      label: `${run.label} p95`,
      figure: `${ms(run.result.stats.p95)} ms`,
      target: `≤ ${target} ms`,
      met: run.result.stats.p95 <= target,
    });
  }
  return rows;
}

export function formatReport(result: CatalogBenchResult): string {
  const lines: string[] = [];
  lines.push(
    `Greenroom catalog benchmark: ${result.entities.toLocaleString('en-US')} entities, ${result.db}, ` +
      `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    '',
  );
  lines.push(
    ...table(
      ['measure', 'figure', 'target', ''],
      verdicts(result).map((v) => [v.label, v.figure, v.target, v.met ? 'met' : 'MISSED']),
    ),
    '',
  );
  lines.push(
    ...table(
      ['latency (ms)', 'clients', 'p50', 'p95', 'p99', 'max', 'req/s', 'errors'],
      result.latencies.map((r) => [
        r.label,
        String(r.clients),
        ms(r.result.stats.p50),
        ms(r.result.stats.p95),
        ms(r.result.stats.p99),
        ms(r.result.stats.max),
        Math.round(r.result.stats.rps).toString(),
        String(r.result.errors),
      ]),
    ),
    `(${result.requests} requests per row over keep-alive connections; latency targets apply to the 1-client rows)`,
  );
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

export function summaryJson(result: CatalogBenchResult): string {
  const round = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? null : Number(n.toFixed(digits)));
  return JSON.stringify({
    bench: 'catalog',
    entities: result.entities,
    db: result.db,
    seed: result.seed,
    node: process.version,
    cpus: os.cpus().length,
    ingestSeconds: round(result.ingestSeconds, 1),
    reingestSeconds: round(result.reingestSeconds),
    registerMs: round(result.registerMs, 0),
    peakRssMb: round(result.peakRssMb, 0),
    latencyMs: Object.fromEntries(
      result.latencies.map((r) => [
        `${r.id}@${r.clients}`,
        {
          p50: round(r.result.stats.p50),
          p95: round(r.result.stats.p95),
          p99: round(r.result.stats.p99),
          rps: round(r.result.stats.rps, 0),
          errors: r.result.errors,
        },
      ]),
    ),
    targetsMissed: verdicts(result)
      .filter((v) => !v.met)
      .map((v) => v.label),
  });
}

export function ms(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Text left, numbers right: columns of figures are read by their last digit.
  const cell = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
