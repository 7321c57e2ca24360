import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlReader } from './createUrlReader';

describe('file locations', () => {
  let temp: string;
  let root: string;
  let outside: string;
  const reader = () => createUrlReader({ allowedHosts: [], fileRoots: [root], cacheDir: path.join(temp, 'cache'), maxBytes: 1000 });

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'greenroom-reader-files-'));
    root = path.join(temp, 'root');
    outside = path.join(temp, 'outside');
    await mkdir(path.join(root, 'team-a'), { recursive: true });
    await mkdir(path.join(root, 'team-b', 'nested'), { recursive: true });
    await mkdir(outside);
    await writeFile(path.join(root, 'catalog-info.yaml'), 'kind: Component\n');
    await writeFile(path.join(root, 'team-a', 'catalog-info.yaml'), 'a');
    await writeFile(path.join(root, 'team-b', 'catalog-info.yaml'), 'b');
    await writeFile(path.join(root, 'team-b', 'nested', 'catalog-info.yaml'), 'nested');
    await writeFile(path.join(root, 'big.yaml'), 'x'.repeat(1001));
    await writeFile(path.join(outside, 'secret.yaml'), 'secret');
    await writeFile(path.join(outside, 'catalog-info.yaml'), 'outside');
    await symlink(path.join(outside, 'secret.yaml'), path.join(root, 'link-out.yaml'));
    await symlink(outside, path.join(root, 'dir-out'));
    await symlink(path.join(root, 'team-a', 'catalog-info.yaml'), path.join(root, 'link-in.yaml'));
  });
  afterAll(() => rm(temp, { recursive: true, force: true }));

  it('reads a file inside a root', async () => {
    const content = await reader().read('file', path.join(root, 'catalog-info.yaml'));
    expect(content.toString()).toBe('kind: Component\n');
  });

  it('follows a symlink that stays inside the roots', async () => {
    expect((await reader().read('file', path.join(root, 'link-in.yaml'))).toString()).toBe('a');
  });

  it('refuses ../ escapes, naming the path', async () => {
    const escape = `${root}/team-a/../../outside/secret.yaml`;
    await expect(reader().read('file', escape)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(escape),
    });
  });

  it('refuses a symlink pointing outside the roots', async () => {
    await expect(reader().read('file', path.join(root, 'link-out.yaml'))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(reader().read('file', path.join(root, 'dir-out', 'secret.yaml'))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('does not reveal whether a file outside the roots exists', async () => {
    await expect(reader().read('file', path.join(outside, 'missing.yaml'))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(reader().read('file', path.join(root, 'dir-out', 'missing.yaml'))).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('reports a missing file inside a root as not found', async () => {
    await expect(reader().read('file', path.join(root, 'missing.yaml'))).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('refuses relative paths and directories', async () => {
    await expect(reader().read('file', 'catalog-info.yaml')).rejects.toMatchObject({ name: 'InputError' });
    await expect(reader().read('file', path.join(root, 'team-a'))).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refuses files larger than maxBytes', async () => {
    await expect(reader().read('file', path.join(root, 'big.yaml'))).rejects.toMatchObject({
      name: 'PayloadTooLargeError',
    });
  });

  it('expands a glob to sorted files inside the roots only', async () => {
    const files = await reader().expandFiles(path.join(root, '**', 'catalog-info.yaml'));
    expect(files).toEqual([
      path.join(root, 'catalog-info.yaml'),
      path.join(root, 'team-a', 'catalog-info.yaml'),
      path.join(root, 'team-b', 'catalog-info.yaml'),
      path.join(root, 'team-b', 'nested', 'catalog-info.yaml'),
    ]);
  });

  it('drops glob matches reached through a symlink out of the roots', async () => {
    const files = await reader().expandFiles(path.join(root, '*', 'catalog-info.yaml'));
    expect(files).toEqual([path.join(root, 'team-a', 'catalog-info.yaml'), path.join(root, 'team-b', 'catalog-info.yaml')]);
  });

  it('refuses a glob whose fixed part is outside the roots', async () => {
    await expect(reader().expandFiles(path.join(outside, '*.yaml'))).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(reader().expandFiles(`${root}/../outside/*.yaml`)).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('expands a plain path to itself, and a missing one to NotFoundError', async () => {
    const file = path.join(root, 'team-a', 'catalog-info.yaml');
    expect(await reader().expandFiles(file)).toEqual([file]);
    await expect(reader().expandFiles(path.join(root, 'nope.yaml'))).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  describe('checkAccess, the check before a location is stored', () => {
    it.each([
      ['a ../ escape', () => `${root}/team-a/../../outside/secret.yaml`],
      ['an absolute path outside the roots', () => path.join(outside, 'secret.yaml')],
      ['a symlink pointing outside', () => path.join(root, 'link-out.yaml')],
      ['a file under a symlinked directory', () => path.join(root, 'dir-out', 'secret.yaml')],
      ['a glob under a symlinked directory', () => path.join(root, 'dir-out', '*.yaml')],
      ['a glob outside the roots', () => path.join(outside, '**', '*.yaml')],
      ['a missing file outside the roots', () => path.join(outside, 'missing.yaml')],
    ])('refuses %s, naming the config key', async (_case, target) => {
      await expect(reader().checkAccess('file', target())).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('reading.fileRoots'),
      });
    });

    it('passes files, globs and not-yet-existing files inside the roots', async () => {
      await expect(reader().checkAccess('file', path.join(root, 'link-in.yaml'))).resolves.toBeUndefined();
      await expect(reader().checkAccess('file', path.join(root, '**', 'catalog-info.yaml'))).resolves.toBeUndefined();
      await expect(reader().checkAccess('file', path.join(root, 'team-c', 'catalog-info.yaml'))).resolves.toBeUndefined();
    });
  });

  it('resolves a relative path against the directory of the base file', () => {
    const base = path.join(root, 'team-a', 'catalog-info.yaml');
    expect(reader().resolve('file', base, './api.yaml')).toBe(path.join(root, 'team-a', 'api.yaml'));
    expect(reader().resolve('file', base, '../team-b/catalog-info.yaml')).toBe(path.join(root, 'team-b', 'catalog-info.yaml'));
    expect(reader().resolve('file', base, '/abs/x.yaml')).toBe('/abs/x.yaml');
    expect(reader().resolve('file', `${root}/team-a/`, 'catalog-info.yaml')).toBe(path.join(root, 'team-a', 'catalog-info.yaml'));
    expect(reader().resolve('file', base, 'https://example.com/x.yaml')).toBe('https://example.com/x.yaml');
  });
});
