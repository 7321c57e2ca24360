import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlReader } from './createUrlReader';
import type { AllowedHost, HostLookup, ReaderOptions } from './types';

describe('http(s) locations', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  let cacheDir: string;
  let streamAborted: Promise<number>;
  let reportStreamAborted: (bytesSent: number) => void;

  const reader = (allowedHosts: AllowedHost[], extra: Partial<ReaderOptions> = {}) =>
    createUrlReader({ allowedHosts, fileRoots: [], cacheDir, ...extra });
  const loopback: AllowedHost[] = [{ host: '127.0.0.1' }];
  const resolvesTo =
    (...addresses: string[]): HostLookup =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-reader-http-'));
    streamAborted = new Promise((resolve) => (reportStreamAborted = resolve));
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const routes: Record<string, () => void> = {
        '/ok': () => res.end(`hello from ${req.headers.host}`),
        '/api/spec.yaml': () => res.end('openapi: 3.0.0'),
        '/redirect-in': () => res.writeHead(302, { location: '/api/spec.yaml' }).end(),
        '/redirect-out': () => res.writeHead(302, { location: 'http://evil.invalid/steal' }).end(),
        '/redirect-to-ok': () => res.writeHead(301, { location: '/ok' }).end(),
        '/redirect-to-localhost': () => res.writeHead(307, { location: `http://localhost:${port}/ok` }).end(),
        '/redirect-to-metadata': () => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
        '/redirect-loop': () => res.writeHead(302, { location: `/redirect-loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end(),
        '/missing': () => res.writeHead(404).end('no'),
        '/gone': () => res.writeHead(410).end('gone'),
        '/broken': () => res.writeHead(500).end('oops'),
        '/slow': () => setTimeout(() => res.end('late'), 3000).unref(),
        '/big': () => res.end('x'.repeat(2000)),
        '/stream': () => {
          // No Content-Length: the reader can only notice the size while reading.
          let sent = 0;
          const timer = setInterval(() => {
            res.write('y'.repeat(500));
            sent += 500;
            if (sent >= 1_000_000) {
              clearInterval(timer);
              res.end();
            }
          }, 5);
          res.on('close', () => {
            clearInterval(timer);
            reportStreamAborted(sent);
          });
        },
      };
      const route = routes[url.pathname];
      if (route) route();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('reads when the allow-list names 127.0.0.1', async () => {
    expect((await reader(loopback).read('url', `${base}/ok`)).toString()).toBe(`hello from 127.0.0.1:${port}`);
  });

  it('refuses a host that is not listed, and says where to allow it', async () => {
    for (const allowed of [[], [{ host: '*.example.com' }], [{ host: 'localhost' }]]) {
      const error = await reader(allowed)
        .read('url', `${base}/ok`)
        .catch((e: Error) => e);
      expect(error).toMatchObject({ name: 'NotAllowedError' });
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect((error as Error).message).toContain('reading.allow');
    }
  });

  it('distinguishes localhost from 127.0.0.1 in the allow-list', async () => {
    await expect(reader(loopback).read('url', `http://localhost:${port}/ok`)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    const content = await reader([{ host: 'localhost' }]).read('url', `http://localhost:${port}/ok`);
    expect(content.toString()).toBe(`hello from localhost:${port}`);
  });

  it('honours a port in the allow-list', async () => {
    await expect(reader([{ host: '127.0.0.1:1' }]).read('url', `${base}/ok`)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect((await reader([{ host: `127.0.0.1:${port}` }]).read('url', `${base}/ok`)).length).toBeGreaterThan(0);
  });

  it('reads only http and https', async () => {
    await expect(reader(loopback).read('url', 'ftp://127.0.0.1/x')).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader(loopback).read('url', 'file:///etc/passwd')).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a wildcard-allowed name that resolves to loopback', async () => {
    const read = reader([{ host: '*.example.com' }], { lookup: resolvesTo('127.0.0.1') });
    await expect(read.read('url', `http://api.example.com:${port}/ok`)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('127.0.0.1'),
    });
  });

  it('refuses when any one of the resolved addresses is restricted', async () => {
    const read = reader([{ host: '*.example.com' }], { lookup: resolvesTo('93.184.216.34', 'fe80::1') });
    await expect(read.read('url', `http://api.example.com:${port}/ok`)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('refuses metadata addresses and names even when listed explicitly', async () => {
    const viaDns = reader([{ host: 'api.example.com' }], { lookup: resolvesTo('169.254.169.254') });
    await expect(viaDns.read('url', 'http://api.example.com/latest/meta-data/')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('metadata'),
    });
    for (const url of ['http://169.254.169.254/latest/', 'http://[fd00:ec2::254]/', 'http://100.100.100.200/']) {
      const host = new URL(url).hostname;
      await expect(reader([{ host }]).read('url', url)).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
    await expect(
      reader([{ host: 'metadata.google.internal' }]).read('url', 'http://metadata.google.internal/computeMetadata/v1/'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('connects to the checked address only, whatever DNS says afterwards', async () => {
    // The first answer is checked (loopback, allowed because the name is listed
    // explicitly); later answers would point elsewhere and must never be used.
    const answers = ['127.0.0.1', '10.255.255.1'];
    let calls = 0;
    const lookup: HostLookup = async () => [{ address: answers[Math.min(calls++, 1)], family: 4 }];
    const content = await reader([{ host: 'api.example.com' }], { lookup }).read('url', `http://api.example.com:${port}/ok`);
    expect(content.toString()).toBe(`hello from api.example.com:${port}`);
    expect(calls).toBe(1);
  });

  it('follows a redirect to an allowed path', async () => {
    const read = reader([{ host: '127.0.0.1', paths: ['/redirect-in', '/api/'] }]);
    expect((await read.read('url', `${base}/redirect-in`)).toString()).toBe('openapi: 3.0.0');
  });

  it('checks every redirect hop against the allow-list', async () => {
    await expect(reader(loopback).read('url', `${base}/redirect-out`)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('evil.invalid'),
    });
    // Allowed host, but the target path is outside the listed prefixes.
    const prefixOnly = reader([{ host: '127.0.0.1', paths: ['/redirect-to-ok'] }]);
    await expect(prefixOnly.read('url', `${base}/redirect-to-ok`)).rejects.toMatchObject({ name: 'NotAllowedError' });
    // localhost is loopback too, but it is not the host that was listed.
    await expect(reader(loopback).read('url', `${base}/redirect-to-localhost`)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('gives up after 5 redirects', async () => {
    await expect(reader(loopback).read('url', `${base}/redirect-loop`)).rejects.toMatchObject({
      name: 'ReadError',
      message: expect.stringContaining('redirects'),
    });
  });

  it('applies path prefixes', async () => {
    const read = reader([{ host: '127.0.0.1', paths: ['/api/'] }]);
    expect((await read.read('url', `${base}/api/spec.yaml`)).toString()).toBe('openapi: 3.0.0');
    await expect(read.read('url', `${base}/ok`)).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('maps 404 and 410 to NotFoundError and other failures to ReadError', async () => {
    await expect(reader(loopback).read('url', `${base}/missing`)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(`${base}/missing`),
    });
    await expect(reader(loopback).read('url', `${base}/gone`)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(reader(loopback).read('url', `${base}/broken`)).rejects.toMatchObject({
      name: 'ReadError',
      message: expect.stringMatching(/\/broken.*500/),
    });
  });

  it('fails with ReadError after timeoutMs', async () => {
    const started = Date.now();
    await expect(reader(loopback, { timeoutMs: 200 }).read('url', `${base}/slow`)).rejects.toMatchObject({
      name: 'ReadError',
      message: expect.stringMatching(/200 ms.*\/slow/),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses bodies over maxBytes, naming the URL and the limit', async () => {
    await expect(reader(loopback, { maxBytes: 1000 }).read('url', `${base}/big`)).rejects.toMatchObject({
      name: 'PayloadTooLargeError',
      message: expect.stringMatching(/\/big.*1000/),
    });
    expect((await reader(loopback, { maxBytes: 2000 }).read('url', `${base}/big`)).length).toBe(2000);
  });

  it('stops reading a streamed body as soon as it passes maxBytes', async () => {
    await expect(reader(loopback, { maxBytes: 10_000 }).read('url', `${base}/stream`)).rejects.toMatchObject({
      name: 'PayloadTooLargeError',
    });
    expect(await streamAborted).toBeLessThan(100_000);
  });

  it('never suggests allow-listing a metadata address, even one a redirect leads to', async () => {
    const error = await reader(loopback)
      .read('url', `${base}/redirect-to-metadata`)
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'NotAllowedError', message: expect.stringContaining('169.254.169.254') });
    expect((error as Error).message).toContain('cloud metadata');
    expect((error as Error).message).not.toContain('reading.allow');
  });

  describe('checkAccess, the check before a location is stored', () => {
    it('follows redirects to refuse where they lead', async () => {
      await expect(reader(loopback).checkAccess('url', `${base}/redirect-to-metadata`)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('cloud metadata'),
      });
      await expect(reader(loopback).checkAccess('url', `${base}/redirect-out`)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('evil.invalid'),
      });
    });

    it('refuses a wildcard name that resolves to a private address', async () => {
      const read = reader([{ host: '*.example.com' }], { lookup: resolvesTo('10.0.0.7') });
      await expect(read.checkAccess('url', `http://git.example.com:${port}/ok`)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('10.0.0.7'),
      });
    });

    it('leaves failures that are not the policy (missing, too large, unresolvable) to the read', async () => {
      await expect(reader(loopback).checkAccess('url', `${base}/missing`)).resolves.toBeUndefined();
      await expect(reader(loopback, { maxBytes: 1000 }).checkAccess('url', `${base}/big`)).resolves.toBeUndefined();
      const noDns: HostLookup = async () => {
        throw new Error('ENOTFOUND');
      };
      await expect(
        reader([{ host: 'nowhere.example.com' }], { lookup: noDns }).checkAccess('url', 'http://nowhere.example.com/x'),
      ).resolves.toBeUndefined();
    });
  });

  it('does not echo credentials from the URL in errors', async () => {
    const error = await reader(loopback)
      .read('url', `http://user:s3cret@127.0.0.1:${port}/missing`)
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'NotFoundError' });
    expect((error as Error).message).not.toContain('s3cret');
  });
});
