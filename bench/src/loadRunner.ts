import type { HttpClient, HttpResponse } from './httpClient';
import { summarise, type LatencyStats } from './stats';

// Runs a fixed list of requests with N clients that each send their next
// request as soon as the previous one is answered (closed loop), so the
// figures describe latency under that much concurrency, not a queue we built.

export interface BenchRequest {
  path: string;
  /** Returns why the response is wrong, or undefined when it is fine. */
  check(response: HttpResponse): string | undefined;
}

export interface LoadResult {
  stats: LatencyStats;
  errors: number;
  /** The first few error messages, to show what went wrong. */
  errorSamples: string[];
}

const MAX_ERROR_SAMPLES = 5;

/** `shouldStop` ends the run early (e.g. on Ctrl-C) instead of failing every remaining request. */
export async function runLoad(
  client: HttpClient,
  requests: readonly BenchRequest[],
  concurrency: number,
  shouldStop: () => boolean = () => false,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let nextIndex = 0;
  const recordError = (message: string) => {
    errors++;
    if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(message);
  };

  const worker = async () => {
    for (let i = nextIndex++; i < requests.length && !shouldStop(); i = nextIndex++) {
      const request = requests[i];
      try {
        const response = await client.get(request.path);
        const problem = response.status === 200 ? request.check(response) : `status ${response.status}: ${response.text.slice(0, 200)}`;
        if (problem) recordError(`${request.path} → ${problem}`);
        else latencies.push(response.ms);
      } catch (error) {
        recordError(`${request.path} → ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  return { stats: summarise(latencies, performance.now() - started), errors, errorSamples };
}
