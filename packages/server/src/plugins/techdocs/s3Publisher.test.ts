import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors';
import type { BuildResult } from './build';
import { s3Publisher, siteFileKey } from './s3Publisher';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A stand-in S3 for path-style URLs (`/<bucket>/<key>`): PutObject, GetObject, HeadObject,
 * DeleteObject and ListObjectsV2, enough to exercise the real SDK's requests and error handling.
 */
function startStandInS3(bucket: string) {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://s3.invalid');
    const [, first, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    requests.push(`${request.method} ${key || url.search}`);
    if (first !== bucket) {
      response.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchBucket</Code></Error>');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'PUT') {
        objects.set(key, Buffer.concat(chunks));
        response.writeHead(200, { etag: '"x"' }).end();
      } else if (request.method === 'DELETE') {
        objects.delete(key);
        response.writeHead(204).end();
      } else if (!key && url.searchParams.get('list-type') === '2') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const contents = keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key><Size>${objects.get(k)!.length}</Size></Contents>`).join('');
        response
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
          );
      } else if (!objects.has(key)) {
        response
          .writeHead(404, { 'content-type': 'application/xml' })
          .end(request.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
      } else {
        const body = objects.get(key)!;
        response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
        response.end(request.method === 'HEAD' ? undefined : body);
      }
    });
  });
  return { server, objects, requests };
}

const site = (files: Record<string, string>): BuildResult => ({
  siteName: 'Shop',
  files: Object.entries(files).map(([path, content]) => ({ path, content })),
  warnings: [],
  pageCount: 1,
});

describe('s3Publisher against a stand-in S3', () => {
  const standIn = startStandInS3('docs');
  let publisher: ReturnType<typeof s3Publisher>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    const { port } = standIn.server.address() as AddressInfo;
    publisher = s3Publisher({
      bucket: 'docs',
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(() => new Promise<void>((resolve) => standIn.server.close(() => resolve())));

  it('publishes a site under its prefix, reads it back and removes files a rebuild dropped', async () => {
    await publisher.publish(
      'default/component/shop',
      site({ 'index.html': '<h1>Shop</h1>', 'old/index.html': 'old', 'techdocs_metadata.json': '{}' }),
    );
    expect([...standIn.objects.keys()].sort()).toEqual([
      'default/component/shop/index.html',
      'default/component/shop/old/index.html',
      'default/component/shop/techdocs_metadata.json',
    ]);
    // The metadata goes last: while a build uploads, readers still see the last complete site's.
    expect(standIn.requests.filter((r) => r.startsWith('PUT')).at(-1)).toBe('PUT default/component/shop/techdocs_metadata.json');
    expect((await publisher.read('default/component/shop', 'index.html')).toString()).toBe('<h1>Shop</h1>');
    expect(await publisher.exists('default/component/shop', 'old/index.html')).toBe(true);

    await publisher.publish('default/component/shop', site({ 'index.html': '<h1>Shop 2</h1>', 'techdocs_metadata.json': '{}' }));
    expect((await publisher.read('default/component/shop', 'index.html')).toString()).toBe('<h1>Shop 2</h1>');
    expect(await publisher.exists('default/component/shop', 'old/index.html')).toBe(false);

    await publisher.remove('default/component/shop');
    expect([...standIn.objects.keys()]).toEqual([]);
  });

  it('answers NotFoundError for a missing file and refuses paths out of the site before any request', async () => {
    await expect(publisher.read('default/component/none', 'index.html')).rejects.toBeInstanceOf(NotFoundError);
    const before = standIn.requests.length;
    for (const escape of ['../other/index.html', 'a/../../x', '/etc/passwd', 'a\\..\\b', 'index.html\0.png']) {
      await expect(publisher.read('default/component/shop', escape)).rejects.toBeInstanceOf(InputError);
    }
    expect(standIn.requests.length).toBe(before);
  });
});

describe('siteFileKey', () => {
  it('keeps normalised paths inside the prefix', () => {
    expect(siteFileKey('default/component/shop', 'guides/./setup/index.html')).toBe('default/component/shop/guides/setup/index.html');
    expect(siteFileKey('default/component/shop', 'a/../index.html')).toBe('default/component/shop/index.html');
  });
});
