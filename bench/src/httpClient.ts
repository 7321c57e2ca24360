import { Pool } from 'undici';

// One keep-alive connection pool to the server under test. Latencies measured
// over fresh connections would mostly measure TCP set-up, which is not what a
// portal's clients (a browser, a backend) pay per request.

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: unknown;
  text: string;
  /** From sending the request to having the whole body. */
  ms: number;
}

export interface RequestOptions {
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class HttpClient {
  private readonly pool: Pool;

  constructor(baseUrl: string, connections: number) {
    // The benchmark starts its own server; refusing anything else keeps a
    // typo in a config from load-testing someone else's machine.
    const { hostname } = new URL(baseUrl);
    if (hostname !== '127.0.0.1') throw new Error(`Refusing to benchmark ${baseUrl}: only 127.0.0.1 is allowed`);
    this.pool = new Pool(baseUrl, { connections, keepAliveTimeout: 60_000, pipelining: 1 });
  }

  get(path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.send('GET', path, undefined, options);
  }

  post(path: string, json: unknown, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.send('POST', path, JSON.stringify(json), options);
  }

  /** Drops the connections at once: on Ctrl-C, requests in flight must not keep the run alive. */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  private async send(method: 'GET' | 'POST', path: string, payload: string | undefined, options: RequestOptions): Promise<HttpResponse> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = performance.now();
    const response = await this.pool.request({
      method,
      path,
      headers: payload === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: payload,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await response.body.text();
    const ms = performance.now() - started;
    return { status: response.statusCode, body: parseJson(text), text, ms };
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
