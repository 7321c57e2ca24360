import { execFile } from 'node:child_process';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlReader } from './createUrlReader';
import { repoDirName } from './gitReader';
import { startGitServer, type GitServer } from './testing/gitServer';
import type { ReaderOptions } from './types';

describe('git locations', () => {
  let git: GitServer;
  let temp: string;
  let repoUrl: string;
  let cacheCount = 0;

  /** A reader with its own cache, so tests do not see each other's clones. */
  const reader = (extra: Partial<ReaderOptions> = {}) => {
    const cacheDir = path.join(temp, `cache-${(cacheCount += 1)}`);
    return {
      cacheDir,
      reader: createUrlReader({
        allowedHosts: [{ host: '127.0.0.1' }],
        fileRoots: [],
        cacheDir,
        gitFetchIntervalMs: 0,
        ...extra,
      }),
    };
  };
  const fetchesOf = (repo: string) =>
    git.requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/${repo}`) && r.path.includes('/info/refs')).length;
  const text = (buffer: Buffer) => buffer.toString('utf8');

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'greenroom-reader-git-'));
    git = await startGitServer();
    repoUrl = await git.createRepo('org/service', {
      'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: service\n',
      'other.yaml': 'kind: API\n',
      'docs/index.md': '# Docs\n',
      'big.bin': 'z'.repeat(5000),
    });
  });
  afterAll(async () => {
    await git.close();
    await rm(temp, { recursive: true, force: true });
  });

  it('reads a file at a branch from a .git blob URL', async () => {
    const { reader: r, cacheDir } = reader();
    expect(text(await r.read('url', `${repoUrl}/blob/main/catalog-info.yaml`))).toContain('name: service');
    expect(text(await r.read('url', `${repoUrl}/blob/main/docs/index.md`))).toBe('# Docs\n');
    // One bare clone, named by a hash of the repository URL.
    expect(await readdir(cacheDir)).toEqual([repoDirName(repoUrl)]);
    await access(path.join(cacheDir, repoDirName(repoUrl), 'HEAD'));
  });

  it('reads blob/HEAD/ URLs from the default branch', async () => {
    const { reader: r } = reader();
    expect(text(await r.read('url', `${repoUrl}/blob/HEAD/catalog-info.yaml`))).toContain('name: service');
  });

  it('reads github-style URLs on a configured git host', async () => {
    const host = new URL(git.url).host;
    const { reader: r } = reader({ gitHosts: [host] });
    expect(text(await r.read('url', `${git.url}/org/service/blob/main/other.yaml`))).toBe('kind: API\n');
  });

  it('reads new commits once the fetch interval has passed', async () => {
    const url = await git.createRepo('org/changing', { 'catalog-info.yaml': 'version: 1\n', 'gone.yaml': 'x' });
    const { reader: r } = reader({ gitFetchIntervalMs: 0 });
    expect(text(await r.read('url', `${url}/blob/main/catalog-info.yaml`))).toBe('version: 1\n');
    await git.commit('org/changing', { 'catalog-info.yaml': 'version: 2\n', 'gone.yaml': null });
    expect(text(await r.read('url', `${url}/blob/main/catalog-info.yaml`))).toBe('version: 2\n');
    await expect(r.read('url', `${url}/blob/main/gone.yaml`)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('fetches at most once per interval, even for a burst of reads', async () => {
    const url = await git.createRepo('org/throttled', { 'a.yaml': 'a1', 'b.yaml': 'b', 'c.yaml': 'c' });
    const { reader: r } = reader({ gitFetchIntervalMs: 60_000 });
    const before = fetchesOf('org/throttled');
    const burst = await Promise.all(['a', 'b', 'c', 'a', 'b', 'c'].map((name) => r.read('url', `${url}/blob/main/${name}.yaml`)));
    expect(burst.map(text)).toEqual(['a1', 'b', 'c', 'a1', 'b', 'c']);
    expect(fetchesOf('org/throttled') - before).toBe(1);
    await git.commit('org/throttled', { 'a.yaml': 'a2' });
    // Within the interval the cached clone answers, without asking the server.
    expect(text(await r.read('url', `${url}/blob/main/a.yaml`))).toBe('a1');
    expect(fetchesOf('org/throttled') - before).toBe(1);
  });

  it('reads what this server just pushed from the local repository it pushed, without cloning it back', async () => {
    const url = await git.createRepo('org/pushed', { 'catalog-info.yaml': 'version: 1\n' });
    // Stands in for a publish action's workspace: a local repository holding what the server has.
    const workspace = path.join(temp, 'pushed-workspace');
    await promisify(execFile)('git', ['clone', '--quiet', url, workspace]);
    const { reader: r } = reader({ gitFetchIntervalMs: 60_000 });
    const asked = git.requests.length;
    await r.primeGitCache!(`${url}/blob/main`, workspace);
    expect(text(await r.read('url', `${url}/blob/main/catalog-info.yaml`))).toBe('version: 1\n');
    expect(git.requests.length).toBe(asked);
    // Priming a repository the cache already holds makes the next read fetch, so it never reads older files.
    await git.commit('org/pushed', { 'catalog-info.yaml': 'version: 2\n' });
    await r.primeGitCache!(`${url}/blob/main`, workspace);
    expect(text(await r.read('url', `${url}/blob/main/catalog-info.yaml`))).toBe('version: 2\n');
  });

  it('primes nothing for a host off the allow-list, nor for a URL that is not a git location', async () => {
    const url = await git.createRepo('org/unlisted', { 'catalog-info.yaml': 'x: 1\n' });
    const workspace = path.join(temp, 'unlisted-workspace');
    await promisify(execFile)('git', ['clone', '--quiet', url, workspace]);
    const { reader: r, cacheDir } = reader({ allowedHosts: [{ host: 'git.example.com' }] });
    await r.primeGitCache!(`${url}/blob/main`, workspace);
    await r.primeGitCache!('https://git.example.com/plain/file.yaml', workspace);
    await expect(readdir(cacheDir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(r.read('url', `${url}/blob/main/catalog-info.yaml`)).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('reads at tags (lightweight and annotated), commit SHAs and branches with slashes', async () => {
    const url = await git.createRepo('org/refs', { 'f.yaml': 'one' }, { branch: 'release/v1' });
    await git.tag('org/refs', 'v1.0.0');
    await git.tag('org/refs', 'v1-annotated', 'Release one');
    const first = await git.commit('org/refs', { 'f.yaml': 'two' });
    await git.commit('org/refs', { 'f.yaml': 'three' });
    const { reader: r } = reader();
    expect(text(await r.read('url', `${url}/blob/release/v1/f.yaml`))).toBe('three');
    expect(text(await r.read('url', `${url}/blob/v1.0.0/f.yaml`))).toBe('one');
    expect(text(await r.read('url', `${url}/blob/v1-annotated/f.yaml`))).toBe('one');
    expect(text(await r.read('url', `${url}/blob/${first}/f.yaml`))).toBe('two');
    expect(text(await r.read('url', `${url}/blob/${first.slice(0, 10)}/f.yaml`))).toBe('two');
  });

  it('reports a path missing from the repository as NotFoundError', async () => {
    const { reader: r } = reader();
    await expect(r.read('url', `${repoUrl}/blob/main/nope.yaml`)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('nope.yaml'),
    });
  });

  it('reports an unknown ref as NotFoundError naming the ref', async () => {
    const { reader: r } = reader();
    await expect(r.read('url', `${repoUrl}/blob/no-such-branch/catalog-info.yaml`)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('"no-such-branch"'),
    });
    await expect(r.read('url', `${repoUrl}/blob/deadbeefdeadbeef/catalog-info.yaml`)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('deadbeefdeadbeef'),
    });
  });

  it('refuses to read a directory', async () => {
    const { reader: r } = reader();
    for (const url of [`${repoUrl}/tree/main/docs`, `${repoUrl}/blob/main/docs`, `${repoUrl}/tree/main/`]) {
      await expect(r.read('url', url), url).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringContaining('is a directory'),
      });
    }
  });

  it('reports a missing repository as NotFoundError', async () => {
    const { reader: r } = reader();
    await expect(r.read('url', `${git.url}/org/missing.git/blob/main/x.yaml`)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('org/missing.git'),
    });
  });

  it('refuses a host that is not allowed, without cloning', async () => {
    const before = git.requests.length;
    const { reader: r, cacheDir } = reader({ allowedHosts: [{ host: '*.example.com' }] });
    await expect(r.read('url', `${repoUrl}/blob/main/catalog-info.yaml`)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('reading.allow'),
    });
    expect(git.requests.length).toBe(before);
    await expect(access(cacheDir)).rejects.toThrow();
  });

  it('refuses a wildcard name that resolves to loopback, without cloning', async () => {
    const before = git.requests.length;
    const port = new URL(git.url).port;
    const { reader: r } = reader({
      allowedHosts: [{ host: '*.example.com' }],
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    await expect(r.read('url', `http://git.example.com:${port}/org/service.git/blob/main/catalog-info.yaml`)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(git.requests.length).toBe(before);
  });

  it('makes git connect to the checked address', async () => {
    // git.example.com does not exist; only the pinned, checked address can reach the server.
    const port = new URL(git.url).port;
    const { reader: r } = reader({
      allowedHosts: [{ host: 'git.example.com' }],
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const content = await r.read('url', `http://git.example.com:${port}/org/service.git/blob/main/other.yaml`);
    expect(text(content)).toBe('kind: API\n');
  });

  it('applies maxBytes to git files', async () => {
    const { reader: r } = reader({ maxBytes: 1000 });
    await expect(r.read('url', `${repoUrl}/blob/main/big.bin`)).rejects.toMatchObject({
      name: 'PayloadTooLargeError',
      message: expect.stringContaining('1000'),
    });
  });

  it('resolves relative paths against blob and tree URLs', async () => {
    const { reader: r } = reader();
    const base = `${repoUrl}/blob/main/catalog-info.yaml`;
    const sibling = r.resolve('url', base, './other.yaml');
    expect(sibling).toBe(`${repoUrl}/blob/main/other.yaml`);
    expect(text(await r.read('url', sibling))).toBe('kind: API\n');
    expect(r.resolve('url', `${repoUrl}/blob/main/docs/index.md`, '../other.yaml')).toBe(`${repoUrl}/blob/main/other.yaml`);
    expect(r.resolve('url', `${repoUrl}/blob/main/docs/index.md`, '/other.yaml')).toBe(`${repoUrl}/blob/main/other.yaml`);
    expect(r.resolve('url', `${repoUrl}/tree/main/docs`, './index.md')).toBe(`${repoUrl}/tree/main/docs/index.md`);
    // A tree URL that names a file reads as that file, as GitHub redirects it.
    const viaTree = r.resolve('url', `${repoUrl}/tree/main/`, 'catalog-info.yaml');
    expect(viaTree).toBe(`${repoUrl}/tree/main/catalog-info.yaml`);
    expect(text(await r.read('url', viaTree))).toContain('name: service');
    expect(r.resolve('url', base, 'https://elsewhere.example/x.yaml')).toBe('https://elsewhere.example/x.yaml');
    expect(() => r.resolve('url', base, '../../../etc/passwd')).toThrow(expect.objectContaining({ name: 'InputError' }));
    expect(r.resolve('url', 'https://example.com/a/b.yaml', './c.yaml')).toBe('https://example.com/a/c.yaml');
  });

  it('derives view, edit and source-location URLs', () => {
    const { reader: r } = reader({ gitHosts: ['github.com', 'gitlab.com'] });
    expect(r.scmUrls?.('url', 'https://github.com/org/repo/blob/main/svc/catalog-info.yaml')).toEqual({
      viewUrl: 'https://github.com/org/repo/blob/main/svc/catalog-info.yaml',
      editUrl: 'https://github.com/org/repo/edit/main/svc/catalog-info.yaml',
      sourceLocation: 'url:https://github.com/org/repo/tree/main/svc/',
    });
    expect(r.scmUrls?.('url', 'https://gitlab.com/g/sub/p/-/blob/main/catalog-info.yaml')).toMatchObject({
      editUrl: 'https://gitlab.com/g/sub/p/-/edit/main/catalog-info.yaml',
      sourceLocation: 'url:https://gitlab.com/g/sub/p/-/tree/main/',
    });
    expect(r.scmUrls?.('url', `${repoUrl}/blob/main/catalog-info.yaml`)).toEqual({
      viewUrl: `${repoUrl}/blob/main/catalog-info.yaml`,
      sourceLocation: `url:${repoUrl}/tree/main/`,
    });
    expect(r.scmUrls?.('file', '/srv/catalog-info.yaml')).toEqual({});
  });
});
