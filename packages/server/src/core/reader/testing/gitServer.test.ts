import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from './gitServer';

const exec = promisify(execFile);
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };
const git = (args: string[], cwd: string) => exec('git', ['-c', 'user.name=T', '-c', 'user.email=t@t.invalid', ...args], { cwd, env });

async function pushNewRepo(remote: string, files: Record<string, string>): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'greenroom-push-'));
  try {
    await git(['init', '--quiet', '--initial-branch=main'], work);
    for (const [file, content] of Object.entries(files)) await writeFile(path.join(work, file), content);
    await git(['add', '--all'], work);
    await git(['commit', '--quiet', '-m', 'first'], work);
    await git(['push', '--quiet', remote, 'HEAD:refs/heads/main'], work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

describe('loopback git server', () => {
  let server: GitServer;

  beforeAll(async () => {
    server = await startGitServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('creates a repository on the first push to an unknown path, readable and clonable afterwards', async () => {
    await pushNewRepo(`${server.url}/acme/fresh.git`, { 'README.md': '# fresh\n' });
    expect(await server.readFile('acme/fresh', 'README.md')).toBe('# fresh');
    const into = await mkdtemp(path.join(os.tmpdir(), 'greenroom-clone-'));
    // GitHub-style URL without `.git` clones the same repository.
    await git(['clone', '--quiet', `${server.url}/acme/fresh`, 'c'], into);
    expect(await server.revParse('acme/fresh')).toMatch(/^[0-9a-f]{40}$/);
    await rm(into, { recursive: true, force: true });
  });

  it('accepts pushes to an existing repository and to one made empty with createEmptyRepo', async () => {
    await server.createRepo('acme/existing', { 'a.txt': 'one' });
    const before = await server.revParse('acme/existing');
    const work = await mkdtemp(path.join(os.tmpdir(), 'greenroom-push-'));
    await git(['clone', '--quiet', `${server.url}/acme/existing.git`, '.'], work);
    await writeFile(path.join(work, 'a.txt'), 'two');
    await git(['commit', '--quiet', '-am', 'second'], work);
    await git(['push', '--quiet', 'origin', 'main'], work);
    await rm(work, { recursive: true, force: true });
    expect(await server.readFile('acme/existing', 'a.txt')).toBe('two');
    expect(await server.revParse('acme/existing')).not.toBe(before);

    expect(await server.createEmptyRepo('acme/empty')).toBe(`${server.url}/acme/empty.git`);
    expect(await server.revParse('acme/empty')).toBeUndefined();
    await pushNewRepo(`${server.url}/acme/empty.git`, { 'b.txt': 'bee' });
    expect(await server.readFile('acme/empty', 'b.txt')).toBe('bee');
  });

  it('does not create repositories for clones of unknown paths', async () => {
    const into = await mkdtemp(path.join(os.tmpdir(), 'greenroom-clone-'));
    await expect(git(['clone', '--quiet', `${server.url}/acme/missing.git`, 'c'], into)).rejects.toThrow();
    await rm(into, { recursive: true, force: true });
    expect(await server.revParse('acme/missing')).toBeUndefined();
  });
});
