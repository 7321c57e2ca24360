import type { LookupAddress } from 'node:dns';

/** One `reading.allow` entry of greenroom.yaml. */
export interface AllowedHost {
  /** 'example.com', '*.example.com', '127.0.0.1', 'localhost', '[::1]', optionally with ':port'. */
  host: string;
  /** Allowed path prefixes; all paths when absent. */
  paths?: string[];
}

/** Resolves a host name to every address it has; the seam tests use to simulate DNS. */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface ReaderOptions {
  /** http(s) and git hosts that may be read. */
  allowedHosts: AllowedHost[];
  /** Absolute directories files may be read from. */
  fileRoots: string[];
  /** Hosts whose `<org>/<repo>/blob|tree/<ref>/<path>` (or GitLab `/-/blob/`) URLs are git repositories. */
  gitHosts?: string[];
  /** Where bare git clones are kept, one per repository URL. */
  cacheDir: string;
  /** Per http request, default 10 000 ms. */
  timeoutMs?: number;
  /** Largest body read, default 5 MB. */
  maxBytes?: number;
  /** Minimum time between two `git fetch` of one repository, default 5 000 ms. */
  gitFetchIntervalMs?: number;
  /** Time limit for one `git clone` / `git fetch`, default 60 000 ms (a clone is slower than one request). */
  gitTimeoutMs?: number;
  /** DNS resolution; defaults to `dns.lookup(host, { all: true })`. */
  lookup?: HostLookup;
}

export type LocationType = 'file' | 'url';

export interface ScmUrls {
  viewUrl?: string;
  editUrl?: string;
  /** Backstage's `backstage.io/source-location` form: `url:<directory URL>`. */
  sourceLocation?: string;
}

export interface UrlReader {
  /** Reads one file. `type` is a Backstage location type: 'file' (absolute path) or 'url' (http/https, or git). */
  read(type: LocationType, target: string): Promise<Buffer>;
  /**
   * Throws NotAllowedError when the reading policy refuses `target`: a URL's scheme, host,
   * resolved addresses and (for plain http(s), which follows redirects) every redirect hop;
   * a file path or glob outside fileRoots, by `..` or a symbolic link. Other failures a
   * read would meet (missing file, DNS, timeout) pass: the read itself reports them.
   * Callers that store a target check it first, so a refused target is never stored.
   */
  checkAccess(type: LocationType, target: string): Promise<void>;
  /** Expands a `file` target that may be a glob into absolute file paths, sorted; only within fileRoots. */
  expandFiles(pattern: string): Promise<string[]>;
  /** Resolves `relative` against the location `base` of the same type; absolute targets are returned unchanged. */
  resolve(type: LocationType, base: string, relative: string): string;
  /**
   * Writes the directory a git tree URL names (e.g. `https://host/org/repo/tree/main/docs`) into the
   * empty directory `into`; plain http(s) has no directories to list and is refused.
   */
  readTree?(target: string, into: string): Promise<{ files: number }>;
  /**
   * Tells the reader that the repository of the git URL `target` now holds what the local
   * repository `repositoryDir` holds (this server just pushed it), so reading it soon after needs
   * no clone. Does nothing for other URLs.
   */
  primeGitCache?(target: string, repositoryDir: string): Promise<void>;
  /** Human-facing view/edit URLs for a location where derivable, else {}. */
  scmUrls?(type: LocationType, target: string): ScmUrls;
}
