/**
 * Lets pending I/O (incoming requests) run. SQLite calls are synchronous, so a long
 * chain of awaited statements never reaches the event loop's I/O phase without this;
 * long-running writers call it between batches so the server keeps answering.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
