import { countMismatches, fetchKindCounts, sampleRelationsProblem, totalGenerated } from './catalogChecks';
import type { GeneratedOrg } from './generateOrg';
import type { HttpClient } from './httpClient';
import { pollUntil } from './poll';

// Ingest time as a user experiences it: from starting the server until the
// whole org can be browsed with its relations. Measured from spawn, so
// start-up and migrations count too.

export interface IngestWaitInput {
  client: HttpClient;
  org: GeneratedOrg;
  /** performance.now() at spawn. */
  spawnedAt: number;
  timeoutMs: number;
  /** Throws when the server has exited. */
  guard: () => void;
  progress: (line: string) => void;
}

const PROGRESS_EVERY_MS = 10_000;

export async function waitForIngest(input: IngestWaitInput): Promise<number> {
  const { client, org } = input;
  let last = 'server not answering yet';
  let lastProgress = performance.now();
  await pollUntil(
    async () => {
      if (performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = performance.now();
        input.progress(`  … ${((performance.now() - input.spawnedAt) / 1000).toFixed(0)} s: ${last}`);
      }
      // Cheap readiness first: counting facets on every poll would compete with the import
      // for the server's one database connection and slow down what is being measured.
      const processed = await locationsProcessed(client).catch((error: unknown) => {
        last = `no answer yet (${error instanceof Error ? error.message : String(error)})`;
        throw error;
      });
      if (!processed) {
        last = 'location not processed yet';
        return undefined;
      }
      const counts = await fetchKindCounts(client).catch((error: unknown) => {
        last = `no answer yet (${error instanceof Error ? error.message : String(error)})`;
        throw error;
      });
      const mismatches = countMismatches(org.counts, counts);
      if (mismatches.length > 0) {
        last = `${totalGenerated(counts).toLocaleString('en-US')} of ${org.entities.length.toLocaleString('en-US')} entities (${mismatches.join(', ')})`;
        return undefined;
      }
      const problem = await sampleRelationsProblem(client, org.samples);
      if (problem) {
        last = `all entities listed, relations pending: ${problem}`;
        return undefined;
      }
      return true;
    },
    {
      intervalMs: 100,
      timeoutMs: input.timeoutMs,
      what: 'the catalog to ingest the org',
      guard: input.guard,
      describeLast: () => `last seen: ${last}`,
    },
  );
  return (performance.now() - input.spawnedAt) / 1000;
}

/** Whether every registered location has finished its first processing (it then carries a status). */
async function locationsProcessed(client: HttpClient): Promise<boolean> {
  const response = await client.get('/api/catalog/locations', { timeoutMs: 10_000 });
  if (response.status !== 200) throw new Error(`locations answered ${response.status}: ${response.text.slice(0, 200)}`);
  const locations = response.body as Array<{ data: { status?: { lastRefreshAt?: string } } }>;
  return locations.length > 0 && locations.every((l) => Boolean(l.data.status?.lastRefreshAt));
}
