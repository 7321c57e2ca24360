import { createHash } from 'node:crypto';
import { countMismatches, fetchKindCounts } from './catalogChecks';
import type { KindCounts } from './generateOrg';
import type { HttpClient } from './httpClient';

// Re-reading a location whose files have not changed must be cheap: it is
// what every periodic refresh does all day long.

interface LocationsItem {
  data?: { id?: string; type?: string; target?: string; entityRef?: string };
}

export interface ReingestResult {
  seconds: number;
  locationRef: string;
  /** Set when the ref was not in GET /locations and had to be derived. */
  warning?: string;
}

export async function reingestUnchanged(client: HttpClient, target: string, expected: KindCounts): Promise<ReingestResult> {
  const { ref: locationRef, warning } = await findLocationRef(client, target);
  const started = performance.now();
  const response = await client.post('/api/catalog/refresh?wait=true', { entityRef: locationRef }, { timeoutMs: 10 * 60_000 });
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200 && response.status !== 204) {
    throw new Error(`POST /api/catalog/refresh?wait=true answered ${response.status}: ${response.text.slice(0, 300)}`);
  }
  const mismatches = countMismatches(expected, await fetchKindCounts(client));
  if (mismatches.length > 0) throw new Error(`Entity counts changed after an unchanged re-ingest: ${mismatches.join(', ')}`);
  return { seconds, locationRef, warning };
}

async function findLocationRef(client: HttpClient, target: string): Promise<{ ref: string; warning?: string }> {
  const response = await client.get('/api/catalog/locations');
  if (response.status !== 200 || !Array.isArray(response.body)) {
    throw new Error(`GET /api/catalog/locations answered ${response.status}: ${response.text.slice(0, 300)}`);
  }
  const location = (response.body as LocationsItem[]).find((l) => l.data?.type === 'file' && l.data.target === target)?.data;
  if (location?.entityRef) return { ref: location.entityRef };
  // Backstage names a location's entity after a hash of its spec; use that
  // if the server does not say, and say so in the report.
  const hash = createHash('sha1').update(`file:${target}`).digest('hex');
  return {
    ref: `location:default/generated-${hash}`,
    warning: location
      ? 'GET /locations gave no entityRef for the config location; derived it the way Backstage names location entities'
      : 'GET /locations did not list the config location; derived its entity ref the way Backstage does',
  };
}
