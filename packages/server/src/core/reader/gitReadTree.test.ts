import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotAllowedError, NotFoundError, PayloadTooLargeError } from '../errors';
import { createUrlReader } from './createUrlReader';
import { startGitServer, type GitServer } from './testing/gitServer';

describe('reading a directory of a git repository', () => {
  let git: GitServer;
  let temp: string;
  let repoUrl: string;
  let count = 0;
  const reader = (maxBytes?: number) =>
    createUrlReader({
      allowedHosts: [{ host: '127.0.0.1' }],
      fileRoots: [],
      cacheDir: path.join(temp, 'cache'),
      gitFetchIntervalMs: 0,
      maxBytes,
    });
  const freshDir = () => mkdtemp(path.join(temp, `tree-${(count += 1)}-`));
  const listFiles = async (dir: string) =>
    ((await readdir(dir, { recursive: true, withFileTypes: true })) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'greenroom-reader-tree-'));
    git = await startGitServer();
    repoUrl = await git.createRepo('org/documented', {
      'catalog-info.yaml': 'kind: Component\n',
      'site/mkdocs.yml': 'site_name: Site\n',
      'site/docs/index.md': '# Home\n',
      'site/docs/guides/setup.md': '# Setup\n\nÜnïcödé ✓\n',
    });
  });
  afterAll(async () => {
    await git.close();
    await rm(temp, { recursive: true, force: true });
  });

  it('writes every file below a tree URL at the ref, and follows new commits', async () => {
    const into = await freshDir();
    expect(await reader().readTree!(`${repoUrl}/tree/main/site`, into)).toEqual({ files: 3 });
    expect(await listFiles(into)).toEqual(['docs/guides/setup.md', 'docs/index.md', 'mkdocs.yml']);
    expect(await readFile(path.join(into, 'docs/guides/setup.md'), 'utf8')).toBe('# Setup\n\nÜnïcödé ✓\n');

    await git.commit('org/documented', { 'site/docs/index.md': '# Home, again\n', 'site/docs/guides/setup.md': null });
    const next = await freshDir();
    await reader().readTree!(`${repoUrl}/blob/main/site/`, next);
    expect(await listFiles(next)).toEqual(['docs/index.md', 'mkdocs.yml']);
    expect(await readFile(path.join(next, 'docs/index.md'), 'utf8')).toBe('# Home, again\n');
  });

  it('refuses a file, a missing folder, a host off the allow-list, plain http and a tree over the byte limit', async () => {
    await expect(reader().readTree!(`${repoUrl}/tree/main/catalog-info.yaml`, await freshDir())).rejects.toBeInstanceOf(NotFoundError);
    await expect(reader().readTree!(`${repoUrl}/tree/main/nothing`, await freshDir())).rejects.toBeInstanceOf(NotFoundError);
    await expect(reader().readTree!('https://elsewhere.invalid/org/repo.git/tree/main/docs', await freshDir())).rejects.toBeInstanceOf(
      NotAllowedError,
    );
    await expect(reader().readTree!(`${git.url}/plain/folder/`, await freshDir())).rejects.toBeInstanceOf(InputError);
    await expect(reader(10).readTree!(`${repoUrl}/tree/main/site`, await freshDir())).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
