// Latency summaries. Nearest-rank percentiles: with a few hundred samples,
// interpolating between neighbours would suggest a precision we do not have.

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Completed requests per second of wall-clock time. */
  rps: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(latenciesMs: readonly number[], wallMs: number): LatencyStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    rps: wallMs > 0 ? (sorted.length / wallMs) * 1000 : Number.NaN,
  };
}
