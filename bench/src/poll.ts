import { setTimeout as sleep } from 'node:timers/promises';

// Every wait in the benchmark is a bounded poll: a server that never gets
// there must end the run with a message, not hang it.

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  /** What is being waited for, for the timeout message. */
  what: string;
  /** Called before each attempt; throws to give up early (e.g. the server exited). */
  guard?: () => void;
  /** Extra detail for the timeout message, e.g. the last counts seen. */
  describeLast?: () => string;
}

export class PollTimeoutError extends Error {
  override readonly name = 'PollTimeoutError';
}

/**
 * Calls `probe` until it returns a value other than undefined. A probe that
 * throws counts as "not yet" (the server may not be listening yet), but the
 * last error is reported if time runs out.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions): Promise<{ value: T; elapsedMs: number }> {
  const started = performance.now();
  let lastError: unknown;
  for (;;) {
    options.guard?.();
    const attemptStarted = performance.now();
    try {
      const value = await probe();
      if (value !== undefined) return { value, elapsedMs: performance.now() - started };
    } catch (error) {
      lastError = error;
    }
    const now = performance.now();
    if (now - started > options.timeoutMs) {
      const details = [
        options.describeLast?.(),
        lastError !== undefined ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : undefined,
      ].filter(Boolean);
      throw new PollTimeoutError(
        `Timed out after ${(options.timeoutMs / 1000).toFixed(1)} s waiting for ${options.what}${details.length ? ` (${details.join('; ')})` : ''}`,
      );
    }
    await sleep(Math.max(0, options.intervalMs - (now - attemptStarted)));
  }
}
