import { createHash } from 'node:crypto';
import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { NotFoundError, PayloadTooLargeError, ReadError } from '../errors';
import { effectivePort, notAllowedHost, type AllowList } from './allowList';
import { displayUrl } from './displayUrl';
import { GitCommandError, runGit } from './gitCommand';
import type { GitLocation } from './gitUrl';
import { checkTarget, type CheckedTarget } from './targetCheck';
import type { HostLookup } from './types';

export interface GitReaderOptions {
  allowList: AllowList;
  lookup: HostLookup;
  cacheDir: string;
  fetchIntervalMs: number;
  timeoutMs: number;
  maxBytes: number;
}

interface SyncState {
  at: number;
  error?: unknown;
}

interface ResolvedRef {
  commit: string;
  ref: string;
  path: string;
}

/** The cache directory name for a repository URL; hashed so any URL makes a safe file name. */
export function repoDirName(repoUrl: string): string {
  return createHash('sha256').update(repoUrl).digest('hex').slice(0, 32);
}

/**
 * Reads files from git repositories through bare clones kept in `cacheDir`.
 * Clone and fetch of one repository run one at a time (a promise chain per
 * repository) and fetch at most once per interval, so the burst of reads one
 * catalog refresh makes costs one round trip. Reading objects runs outside that
 * chain: git never changes existing objects, and refs are updated atomically.
 */
export class GitReader {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly synced = new Map<string, SyncState>();

  constructor(private readonly options: GitReaderOptions) {}

  async read(location: GitLocation): Promise<Buffer> {
    // Refuse before anything touches the disk or the network.
    if (!this.options.allowList.match(location.url)) throw notAllowedHost(location.url);
    const dir = await this.serialize(location.repoUrl, () => this.sync(location));
    const resolved = await this.resolveRef(dir, location);
    return this.readBlob(dir, location, resolved);
  }

  /**
   * Writes the directory a tree URL names (every regular file below it, at the ref) into `into`,
   * which must be empty. Symbolic links and submodules are left out: they could point anywhere.
   * The files together may not exceed the byte limit.
   */
  async readTree(location: GitLocation, into: string): Promise<{ files: number }> {
    if (!this.options.allowList.match(location.url)) throw notAllowedHost(location.url);
    const dir = await this.serialize(location.repoUrl, () => this.sync(location));
    const { commit, ref, path: sub } = await this.resolveRef(dir, location);
    const folder = sub.replace(/\/+$/, '');
    const treeish = folder ? `${commit}:${folder}` : `${commit}^{tree}`;
    const { stdout: kind } = await this.local(dir, ['cat-file', '--batch-check=%(objecttype)'], `${treeish}\n`);
    if (kind.toString('utf8').trim() !== 'tree')
      throw new NotFoundError(`${sub || '/'} is not a directory at "${ref}" in ${location.repoBase}`);
    const { stdout: listing } = await this.local(dir, ['ls-tree', '-r', '-z', '-l', treeish]);
    const blobs: Array<{ object: string; size: number; file: string }> = [];
    let total = 0;
    for (const entry of listing.toString('utf8').split('\0')) {
      const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.+)$/s.exec(entry);
      if (!match || match[2] !== 'blob' || match[1] === '120000') continue;
      total += Number(match[4]);
      if (total > this.options.maxBytes) {
        throw new PayloadTooLargeError(`${displayUrl(location.url)} holds more than the ${this.options.maxBytes} byte limit for reading`);
      }
      blobs.push({ object: match[3], size: Number(match[4]), file: match[5] });
    }
    // One process reads every blob: `<oid> blob <size>\n<content>\n` per object, in order.
    const { stdout } = await this.local(
      dir,
      ['cat-file', '--batch'],
      blobs.map((b) => `${b.object}\n`).join(''),
      total + blobs.length * 64,
    );
    let offset = 0;
    for (const blob of blobs) {
      offset = stdout.indexOf(0x0a, offset) + 1;
      const target = path.join(into, ...blob.file.split('/'));
      if (!target.startsWith(into + path.sep)) continue;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, stdout.subarray(offset, offset + blob.size));
      offset += blob.size + 1;
    }
    return { files: blobs.length };
  }

  private serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return run;
  }

  private async sync(location: GitLocation): Promise<string> {
    const { repoUrl } = location;
    const dir = path.join(this.options.cacheDir, repoDirName(repoUrl));
    const cloned = await exists(path.join(dir, 'HEAD'));
    const last = this.synced.get(repoUrl);
    if (last && Date.now() - last.at < this.options.fetchIntervalMs) {
      // A failure is remembered for the interval too, so a burst does not retry a dead host once per file.
      if (last.error) throw last.error;
      if (cloned) return dir;
    }
    try {
      // Checked at every clone or fetch, not once: DNS answers change.
      const target = await checkTarget(location.url, this.options.allowList, this.options.lookup);
      if (cloned) await this.fetch(dir, target, location);
      else await this.clone(dir, target, location);
      this.synced.set(repoUrl, { at: Date.now() });
    } catch (error) {
      this.synced.set(repoUrl, { at: Date.now(), error });
      throw error;
    }
    return dir;
  }

  /**
   * Seeds the cache for `location`'s repository from `sourceDir`, a local repository holding what
   * this server has just pushed there (publish actions), so reading it back right away clones
   * nothing over the network. A repository already cached is fetched again at its next read instead.
   */
  async prime(location: GitLocation, sourceDir: string): Promise<void> {
    if (!this.options.allowList.match(location.url)) return;
    await this.serialize(location.repoUrl, async () => {
      const dir = path.join(this.options.cacheDir, repoDirName(location.repoUrl));
      if (await exists(path.join(dir, 'HEAD'))) {
        this.synced.delete(location.repoUrl);
        return;
      }
      await this.cloneInto(dir, (temporary) =>
        runGit(['clone', '--bare', '--quiet', '--', sourceDir, temporary], { timeoutMs: this.options.timeoutMs, localSource: true }),
      );
      this.synced.set(location.repoUrl, { at: Date.now() });
    });
  }

  private async clone(dir: string, target: CheckedTarget, location: GitLocation): Promise<void> {
    try {
      await this.cloneInto(dir, (temporary) =>
        runGit([...networkConfig(target), 'clone', '--bare', '--quiet', '--', location.repoUrl, temporary], {
          timeoutMs: this.options.timeoutMs,
        }),
      );
    } catch (error) {
      throw this.gitError(error, 'clone', location);
    }
  }

  /** Clones beside the final place and renames, so a failed or killed clone never leaves a half repository. */
  private async cloneInto(dir: string, clone: (temporary: string) => Promise<unknown>): Promise<void> {
    await mkdir(this.options.cacheDir, { recursive: true });
    const temporary = await mkdtemp(`${dir}.tmp-`);
    try {
      await clone(temporary);
      await rename(temporary, dir).catch(async (error) => {
        if (!(await exists(path.join(dir, 'HEAD')))) throw error;
      });
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  }

  private async fetch(dir: string, target: CheckedTarget, location: GitLocation): Promise<void> {
    // A bare clone has no fetch refspec of its own; name the refs to mirror. The URL is
    // passed again rather than read from the clone's config, which we did not check.
    const args = ['fetch', '--quiet', '--prune', '--', location.repoUrl, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];
    try {
      await runGit([...networkConfig(target), '--git-dir', dir, ...args], { timeoutMs: this.options.timeoutMs });
    } catch (error) {
      throw this.gitError(error, 'fetch', location);
    }
  }

  /** Splits `<ref>/<path>`: branches first, then tags, then a commit SHA. */
  private async resolveRef(dir: string, location: GitLocation): Promise<ResolvedRef> {
    const segments = location.refAndPath;
    const { stdout } = await this.local(dir, [
      'for-each-ref',
      '--format=%(refname) %(objectname) %(*objectname)',
      'refs/heads',
      'refs/tags',
    ]);
    const commits = new Map<string, string>();
    for (const line of stdout.toString('utf8').split('\n')) {
      const [name, object, peeled] = line.split(' ');
      // An annotated tag points at a tag object; `*objectname` is the commit behind it.
      if (name) commits.set(name, peeled || object);
    }
    for (let length = 1; length <= segments.length; length += 1) {
      const ref = segments.slice(0, length).join('/');
      const commit = commits.get(`refs/heads/${ref}`) ?? commits.get(`refs/tags/${ref}`);
      if (commit) return { commit, ref, path: segments.slice(length).join('/') };
    }
    const [first] = segments;
    // `blob/HEAD/…` names the default branch, so a repository URL can be turned into a file URL without knowing it.
    if (first === 'HEAD' || /^[0-9a-f]{7,40}$/i.test(first)) {
      const commit = await this.local(dir, ['rev-parse', '--verify', '--quiet', `${first}^{commit}`]).then(
        ({ stdout: out }) => out.toString('utf8').trim(),
        () => undefined,
      );
      if (commit) return { commit, ref: first, path: segments.slice(1).join('/') };
    }
    throw new NotFoundError(`Unknown branch, tag or commit "${first}" in ${location.repoBase}`);
  }

  private async readBlob(dir: string, location: GitLocation, { commit, ref, path: file }: ResolvedRef): Promise<Buffer> {
    const shown = displayUrl(location.url);
    if (!file) throw new NotFoundError(`${shown} is a directory, not a file`);
    const spec = `${commit}:${file}`;
    const { stdout } = await this.local(dir, ['cat-file', '--batch-check=%(objecttype) %(objectsize)'], `${spec}\n`);
    const [type, size] = stdout.toString('utf8').trim().split(' ');
    if (type === 'tree') throw new NotFoundError(`${shown} is a directory, not a file`);
    if (type !== 'blob') throw new NotFoundError(`${file} does not exist at "${ref}" in ${location.repoBase}`);
    if (Number(size) > this.options.maxBytes) {
      throw new PayloadTooLargeError(`${shown} is larger than the ${this.options.maxBytes} byte limit for reading`);
    }
    const { stdout: content } = await this.local(dir, ['cat-file', 'blob', spec]);
    return content;
  }

  private local(dir: string, args: string[], input?: string, outputBytes = this.options.maxBytes) {
    return runGit(['--git-dir', dir, ...args], {
      timeoutMs: this.options.timeoutMs,
      maxBuffer: outputBytes + 1024,
      input,
    });
  }

  private gitError(error: unknown, action: 'clone' | 'fetch', location: GitLocation): Error {
    if (!(error instanceof GitCommandError)) return error as Error;
    if (error.timedOut) {
      return new ReadError(`Timed out after ${this.options.timeoutMs} ms trying to ${action} ${location.repoBase}`);
    }
    // git echoes the URL it was given; do not pass credentials on into messages.
    const said = error.stderr.split(location.repoUrl).join(location.repoBase);
    if (/not found|HTTP (404|410)|does not appear to be a git repository/i.test(said)) {
      return new NotFoundError(`Repository ${location.repoBase} was not found`);
    }
    return new ReadError(`Cannot ${action} ${location.repoBase}: ${said.split('\n')[0] || error.message}`);
  }
}

/**
 * Options for commands that go to the network: connect only to the addresses
 * that were checked (curl's resolve list), and do not follow redirects, which
 * would reach hosts nobody checked.
 */
function networkConfig(target: CheckedTarget): string[] {
  const args = ['-c', 'http.followRedirects=false'];
  if (!ipaddr.isValid(target.hostname)) {
    const addresses = target.addresses.map((a) => (a.family === 6 ? `[${a.address}]` : a.address)).join(',');
    args.push('-c', `http.curloptResolve=${target.hostname}:${effectivePort(target.url)}:${addresses}`);
  }
  return args;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
