import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { NotFoundError, PayloadTooLargeError, ReadError } from '../errors';
import type { AllowList } from './allowList';
import { displayUrl } from './displayUrl';
import { pinnedLookup } from './pinnedLookup';
import { checkTarget, type CheckedTarget } from './targetCheck';
import type { HostLookup } from './types';

export interface HttpReadOptions {
  allowList: AllowList;
  lookup: HostLookup;
  timeoutMs: number;
  maxBytes: number;
  /** Stop at the first successful response, without its body: enough to learn where redirects lead. */
  headersOnly?: boolean;
}

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const businessErrors = new Set(['NotAllowedError', 'NotFoundError', 'PayloadTooLargeError', 'ReadError', 'InputError']);

/** Rejects when the signal aborts, for steps (DNS) that cannot be cancelled themselves. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function send(target: CheckedTarget, signal: AbortSignal): Promise<IncomingMessage> {
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(target.url, {
      method: 'GET',
      // No pooling: a pooled socket would skip the lookup we just pinned.
      agent: false,
      lookup: pinnedLookup(target.addresses),
      signal,
      // Identity encoding keeps maxBytes a limit on what we actually hold in memory.
      headers: { accept: '*/*', 'accept-encoding': 'identity', 'user-agent': 'greenroom-reader' },
    });
    request.on('response', resolve);
    request.on('error', reject);
    request.end();
  });
}

async function readBody(response: IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`${displayUrl(url)} is larger than the ${maxBytes} byte limit for reading`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      // Stop the download now rather than buffering the rest only to drop it.
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/**
 * GETs a URL with every hop (redirects included) checked against the allow-list
 * and the address rules, under one deadline for the whole read.
 */
export async function readHttp(target: string, options: HttpReadOptions): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ReadError(`Cannot read "${target}": not a URL`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeoutMs);
  try {
    for (let hop = 0; ; hop += 1) {
      const checked = await abortable(checkTarget(url, options.allowList, options.lookup), controller.signal);
      const response = await send(checked, controller.signal);
      const status = response.statusCode ?? 0;
      if (redirectStatuses.has(status)) {
        response.resume();
        const location = response.headers.location;
        if (!location) throw new ReadError(`Cannot read ${displayUrl(url)}: HTTP ${status} without a Location`);
        if (hop >= maxRedirects) {
          throw new ReadError(`Cannot read ${displayUrl(target)}: more than ${maxRedirects} redirects`);
        }
        url = new URL(location, url);
        continue;
      }
      if (status === 404 || status === 410) {
        response.resume();
        throw new NotFoundError(`${displayUrl(url)} was not found (HTTP ${status})`);
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new ReadError(`Cannot read ${displayUrl(url)}: HTTP ${status}`);
      }
      if (options.headersOnly) {
        response.destroy();
        return Buffer.alloc(0);
      }
      return await readBody(response, url, options.maxBytes);
    }
  } catch (error) {
    if (error instanceof Error && businessErrors.has(error.name)) throw error;
    if (controller.signal.aborted) {
      throw new ReadError(`Timed out after ${options.timeoutMs} ms reading ${displayUrl(url)}`);
    }
    throw new ReadError(`Cannot read ${displayUrl(url)}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
