// The figures Greenroom promises at 100,000 entities on one modest machine.
// Latency targets apply to the one-client run: they describe what one user
// waits for; the concurrent run shows how that degrades under load.

export const TARGETS = {
  ingestSeconds: 60,
  reingestSeconds: 5,
  registerMs: 1000,
  peakRssMb: 600,
  p95Ms: {
    byName: 5,
    filtered: 25,
    fullText: 50,
    facets: 50,
  },
} as const;

export type ScenarioId = keyof typeof TARGETS.p95Ms;

// The web app at the same size: what a first-time visitor waits for, on the same machine.
export const WEB_TARGETS = {
  /** Gzipped JavaScript the /catalog route loads. */
  catalogRouteJsKb: 350,
  catalogFirstPageMs: 1000,
  entityGraphMs: 1500,
} as const;
