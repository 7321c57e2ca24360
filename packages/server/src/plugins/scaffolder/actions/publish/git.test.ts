import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlReader } from '../../../../core/reader';
import { startGitServer, type GitServer } from '../../../../core/reader/testing/gitServer';
import { createPublishGitAction } from './git';
import { actionContext, testConfig } from './testContext';

const exec = promisify(execFile);
const catalogInfo = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: fresh-service\n';

describe('publish:git', () => {
  let git: GitServer;
  let host: string;

  beforeAll(async () => {
    git = await startGitServer();
    host = new URL(git.url).host;
  });
  afterAll(async () => {
    await git.close();
  });

  const config = (extra: Record<string, unknown> = {}) =>
    testConfig({
      scaffolder: { allowedHosts: [host], gitAuthor: { name: 'Portal Bot', email: 'bot@example.test' } },
      integrations: { git: [{ host, baseUrl: git.url, username: 'publisher', password: 's3cret-token' }] },
      ...extra,
    });

  it('creates the repository from repoUrl, commits as the configured author with credentials from config, and reports outputs', async () => {
    const { ctx, outputs, log } = await actionContext(
      { repoUrl: `${host}?owner=acme&repo=fresh-service` },
      {
        'catalog-info.yaml': catalogInfo,
        'src/index.js': 'console.log("hi");\n',
      },
    );
    await createPublishGitAction({ config: config() }).handler(ctx);

    expect(await git.readFile('acme/fresh-service', 'src/index.js')).toBe('console.log("hi");');
    expect(outputs.remoteUrl).toBe(`${git.url}/acme/fresh-service.git`);
    expect(outputs.commitHash).toBe(await git.revParse('acme/fresh-service', 'main'));
    expect(outputs.repoContentsUrl).toBe(`${git.url}/acme/fresh-service.git/blob/main`);
    // The configured credentials went over the wire as Basic auth, and never into the log.
    const pushes = git.requests.filter((r) => r.path.startsWith('/acme/fresh-service.git'));
    expect(pushes.some((r) => r.authorization === `Basic ${Buffer.from('publisher:s3cret-token').toString('base64')}`)).toBe(true);
    expect(log.join('\n')).not.toContain('s3cret-token');
    expect(log.join('\n')).toContain('Pushed commit');

    const author = await gitLog('acme/fresh-service');
    expect(author).toBe('Portal Bot <bot@example.test> Initial commit');
  });

  it('leaves no credentials in the workspace repository, and stops when the task is cancelled', async () => {
    const { ctx, workspacePath } = await actionContext({ repoUrl: `${host}?owner=acme&repo=no-secrets` }, { 'a.txt': 'a' });
    await createPublishGitAction({ config: config() }).handler(ctx);
    expect(await readFile(path.join(workspacePath, '.git/config'), 'utf8')).not.toContain('s3cret');

    const cancelled = await actionContext({ repoUrl: `${host}?owner=acme&repo=cancelled` }, { 'a.txt': 'a' });
    cancelled.ctx.signal = AbortSignal.abort();
    await expect(createPublishGitAction({ config: config() }).handler(cancelled.ctx)).rejects.toThrow('the task was cancelled');
    expect(await git.revParse('acme/cancelled')).toBeUndefined();
  });

  it('answers a repoContentsUrl the catalog reader reads the pushed catalog-info.yaml from', async () => {
    const cfg = config({ reading: { allow: [{ host }], gitHosts: [host] } });
    const { ctx, outputs } = await actionContext({ repoUrl: `${host}?owner=acme&repo=readable` }, { 'catalog-info.yaml': catalogInfo });
    await createPublishGitAction({ config: cfg }).handler(ctx);
    // On a configured git host the GitHub-like form without `.git` is used.
    expect(outputs.repoContentsUrl).toBe(`${git.url}/acme/readable/blob/main`);
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-publish-cache-'));
    const reader = createUrlReader({ allowedHosts: [{ host }], gitHosts: [host], fileRoots: [], cacheDir, gitFetchIntervalMs: 0 });
    const read = await reader.read('url', `${outputs.repoContentsUrl}/catalog-info.yaml`);
    expect(read.toString('utf8')).toBe(catalogInfo);
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('hands the reader what it pushed, so catalog:register reads it right away without cloning it back', async () => {
    const cfg = config({ reading: { allow: [{ host }], gitHosts: [host] } });
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-publish-cache-'));
    const reader = createUrlReader({ allowedHosts: [{ host }], gitHosts: [host], fileRoots: [], cacheDir, gitFetchIntervalMs: 5_000 });
    const { ctx, outputs } = await actionContext({ repoUrl: `${host}?owner=acme&repo=primed` }, { 'catalog-info.yaml': catalogInfo });
    await createPublishGitAction({ config: cfg, reader }).handler(ctx);
    const asked = git.requests.length;
    expect((await reader.read('url', `${outputs.repoContentsUrl}/catalog-info.yaml`)).toString('utf8')).toBe(catalogInfo);
    expect(git.requests.length).toBe(asked);
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('publishes only sourcePath to an explicit remoteUrl, on the chosen branch with the chosen author and message', async () => {
    const remoteUrl = `${git.url}/acme/sub-only.git`;
    const { ctx } = await actionContext(
      {
        remoteUrl,
        sourcePath: 'service',
        defaultBranch: 'trunk',
        gitAuthorName: 'Ada',
        gitAuthorEmail: 'ada@example.test',
        gitCommitMessage: 'Scaffolded',
      },
      { 'service/README.md': '# svc\n', 'outside.txt': 'not published' },
    );
    await createPublishGitAction({ config: config() }).handler(ctx);
    expect(await git.readFile('acme/sub-only', 'README.md', 'trunk')).toBe('# svc');
    expect(await git.readFile('acme/sub-only', 'outside.txt', 'trunk')).toBeUndefined();
    expect(await gitLog('acme/sub-only', 'trunk')).toBe('Ada <ada@example.test> Scaffolded');
  });

  it('refuses a host outside the allow-list before pushing anything', async () => {
    const before = git.requests.length;
    const { ctx } = await actionContext({ remoteUrl: 'http://127.0.0.2:9/acme/x.git' }, { 'a.txt': 'a' });
    await expect(createPublishGitAction({ config: config() }).handler(ctx)).rejects.toThrow(
      'Publishing to 127.0.0.2:9 is not allowed: add "127.0.0.2:9" to scaffolder.allowedHosts',
    );
    const other = await actionContext({ repoUrl: 'evil.example.com?owner=a&repo=b' }, { 'a.txt': 'a' });
    await expect(createPublishGitAction({ config: config() }).handler(other.ctx)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(git.requests.length).toBe(before);
  });

  it('refuses credentials in the URL, non-http remotes, bad names and a sourcePath outside the workspace', async () => {
    const action = createPublishGitAction({ config: config() });
    const attempt = async (input: Record<string, unknown>) => action.handler((await actionContext(input, { 'a.txt': 'a' })).ctx);
    await expect(attempt({ remoteUrl: `http://u:p@${host}/acme/x.git` })).rejects.toThrow('must not contain credentials');
    await expect(attempt({ remoteUrl: 'file:///tmp/x.git' })).rejects.toThrow('must be an http(s) URL');
    await expect(attempt({ repoUrl: `${host}?owner=..&repo=x` })).rejects.toMatchObject({ name: 'InputError' });
    await expect(attempt({ repoUrl: `${host}?repo=x` })).rejects.toThrow('names no owner');
    await expect(attempt({ repoUrl: `${host}?owner=acme&repo=x`, sourcePath: '../..' })).rejects.toThrow('outside the task workspace');
    await expect(attempt({ repoUrl: `${host}?owner=acme&repo=x`, defaultBranch: '--force' })).rejects.toThrow('not a valid branch name');
  });

  it("fails with git's reason when the branch already holds other history (no force push)", async () => {
    await git.createRepo('acme/taken', { 'existing.txt': 'keep me' });
    const { ctx } = await actionContext({ repoUrl: `${host}?owner=acme&repo=taken` }, { 'new.txt': 'new' });
    await expect(createPublishGitAction({ config: config() }).handler(ctx)).rejects.toThrow(/git push failed: .*rejected/s);
    expect(await git.readFile('acme/taken', 'existing.txt')).toBe('keep me');
  });

  /** `author <email> subject` of the branch's last commit, read from a fresh bare clone. */
  async function gitLog(repo: string, ref = 'main'): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-log-'));
    try {
      await exec('git', ['clone', '--quiet', '--bare', `${git.url}/${repo}.git`, dir], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      });
      const { stdout } = await exec('git', ['--git-dir', dir, 'log', '-1', '--format=%an <%ae> %s', ref]);
      return stdout.trim();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
});
