import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { loadFast } from '@greenroom/model';

// Runs js-yaml in a worker thread (CommonJS source, so it works the same from the bundled
// server and from TypeScript under test). Must match the model's `loadFast`: core schema,
// undefined on any error.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { loadAll, CORE_SCHEMA } = require(workerData.jsYamlPath);
parentPort.on('message', ({ id, text }) => {
  let values;
  try { values = loadAll(text, null, { schema: CORE_SCHEMA }); } catch { values = undefined; }
  parentPort.postMessage({ id, values });
});
`;

/** Files smaller than this are parsed on the calling thread: messaging would cost more. */
const INLINE_BELOW = 4096;

/**
 * Parses YAML off the main thread, so reading and parsing the next files overlaps with
 * writing the previous ones to the database (the main thread's job: SQLite is synchronous).
 */
export class YamlParser {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, (values: unknown[] | undefined) => void>();

  /** The values of every document, or undefined when the fast parser cannot read the text. */
  parse(text: string): Promise<unknown[] | undefined> {
    if (text.length < INLINE_BELOW) return Promise.resolve(loadFast(text));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, text });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failPending();
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const jsYamlPath = createRequire(import.meta.url).resolve('js-yaml');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { jsYamlPath } });
    worker.unref(); // never keeps the process alive on its own
    worker.on('message', ({ id, values }: { id: number; values: unknown[] | undefined }) => {
      this.pending.get(id)?.(values);
      this.pending.delete(id);
    });
    // A broken worker must not lose files: callers fall back to the careful parser.
    worker.on('error', () => {
      this.worker = undefined;
      this.failPending();
    });
    this.worker = worker;
    return worker;
  }

  private failPending() {
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }
}
