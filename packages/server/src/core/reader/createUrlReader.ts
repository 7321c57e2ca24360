import path from 'node:path';
import { InputError, NotAllowedError } from '../errors';
import { createAllowList } from './allowList';
import { FileAccess } from './fileAccess';
import { GitReader } from './gitReader';
import { parseGitUrl } from './gitUrl';
import { readHttp } from './httpReader';
import { resolveLocation } from './resolveLocation';
import { scmUrlsFor } from './scmUrls';
import { checkTarget, systemLookup } from './targetCheck';
import type { ReaderOptions, UrlReader } from './types';

const defaults = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  gitFetchIntervalMs: 5_000,
  gitTimeoutMs: 60_000,
};

/** The reader service: one entry point for file, http(s) and git locations, each behind its allow-list. */
export function createUrlReader(options: ReaderOptions): UrlReader {
  if (!path.isAbsolute(options.cacheDir)) throw new InputError(`reader cacheDir "${options.cacheDir}" must be absolute`);
  const allowList = createAllowList(options.allowedHosts);
  const gitHosts: ReadonlySet<string> = new Set((options.gitHosts ?? []).map((host) => host.toLowerCase()));
  const lookup = options.lookup ?? systemLookup;
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const maxBytes = options.maxBytes ?? defaults.maxBytes;
  const files = new FileAccess(options.fileRoots, maxBytes);
  const git = new GitReader({
    allowList,
    lookup,
    cacheDir: options.cacheDir,
    fetchIntervalMs: options.gitFetchIntervalMs ?? defaults.gitFetchIntervalMs,
    timeoutMs: options.gitTimeoutMs ?? Math.max(timeoutMs, defaults.gitTimeoutMs),
    maxBytes,
  });

  const checkUrl = async (target: string) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return; // not a policy question: the read reports it
    }
    const location = parseGitUrl(url, gitHosts);
    // git runs with redirects off, so the gate alone decides; plain http follows
    // redirects, and only a request tells where they lead (its body is not read).
    if (location) await checkTarget(location.url, allowList, lookup);
    else await readHttp(target, { allowList, lookup, timeoutMs, maxBytes, headersOnly: true });
  };

  return {
    async checkAccess(type, target) {
      try {
        if (type === 'file') await files.check(target);
        else await checkUrl(target);
      } catch (error) {
        if (error instanceof NotAllowedError) throw error;
      }
    },
    async read(type, target) {
      if (type === 'file') return files.read(target);
      if (type !== 'url') throw new InputError(`Unknown location type "${String(type)}"; expected file or url`);
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        throw new InputError(`"${target}" is not a URL`);
      }
      const location = parseGitUrl(url, gitHosts);
      return location ? git.read(location) : readHttp(target, { allowList, lookup, timeoutMs, maxBytes });
    },
    async readTree(target, into) {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        throw new InputError(`"${target}" is not a URL`);
      }
      const location = parseGitUrl(url, gitHosts);
      if (!location) throw new InputError(`${target} is not a directory of a git repository (a tree URL of a host in reading.gitHosts)`);
      return git.readTree(location, into);
    },
    async primeGitCache(target, repositoryDir) {
      const location = URL.canParse(target) ? parseGitUrl(new URL(target), gitHosts) : undefined;
      if (location) await git.prime(location, repositoryDir);
    },
    expandFiles: (pattern) => files.expand(pattern),
    resolve: (type, base, relative) => resolveLocation(type, base, relative, gitHosts),
    scmUrls: (type, target) => scmUrlsFor(type, target, gitHosts),
  };
}
