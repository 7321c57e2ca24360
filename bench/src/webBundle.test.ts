import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJsSizes, distFileOf, jsSize, sumGzip } from './webBundle';

// The size figure is only honest if every script the page loaded is found in dist
// and nothing else is counted.

const ORIGIN = 'http://127.0.0.1:7100';
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'greenroom-webbundle-'));
  await mkdir(path.join(dist, 'assets', 'nested'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html>');
  await writeFile(path.join(dist, 'assets', 'index-abc.js'), 'export const a = 1;\n'.repeat(500));
  await writeFile(path.join(dist, 'assets', 'nested', 'graph-def.js'), 'export const b = 2;\n');
  await writeFile(path.join(dist, 'assets', 'index-abc.css'), 'body{}');
});

afterAll(() => rm(dist, { recursive: true, force: true }));

describe('web bundle sizes', () => {
  it('maps a script URL the page loaded to its file in dist', () => {
    expect(distFileOf(dist, `${ORIGIN}/assets/nested/graph-def.js?v=1`, ORIGIN)).toBe('assets/nested/graph-def.js');
  });

  it('refuses scripts from another origin or outside dist, rather than counting them as zero', () => {
    expect(() => distFileOf(dist, 'https://cdn.example.com/assets/index-abc.js', ORIGIN)).toThrow(/another origin/);
    expect(() => distFileOf(dist, `${ORIGIN}/..%2F..%2Fsecret.js`, ORIGIN)).toThrow(/outside/);
  });

  it('measures the gzip -9 size of a file, which is what a browser downloads', async () => {
    const size = await jsSize(dist, 'assets/index-abc.js');
    expect(size.bytes).toBe('export const a = 1;\n'.length * 500);
    expect(size.gzipBytes).toBeLessThan(size.bytes / 10);
    expect(size.gzipBytes).toBe(gzipSync('export const a = 1;\n'.repeat(500), { level: 9 }).length);
  });

  it('lists every .js file in dist, nested ones included, and no other files', async () => {
    const sizes = await allJsSizes(dist);
    expect(sizes.map((s) => s.file)).toEqual(['assets/index-abc.js', 'assets/nested/graph-def.js']);
    expect(sumGzip(sizes)).toBe(sizes[0].gzipBytes + sizes[1].gzipBytes);
  });
});
