import { InputError } from '../errors';

/** A blob or tree URL taken apart into the repository to clone and what to read from it. */
export interface GitLocation {
  /** The URL as given, without query or fragment. */
  url: URL;
  /** What `git clone` gets: scheme, credentials if any, host and repository path. */
  repoUrl: string;
  /** `https://host/org/repo`: the repository's URL without credentials, as users see it. */
  repoBase: string;
  /** GitLab puts `/-` between the repository and `blob`. */
  separator: '' | '/-';
  kind: 'blob' | 'tree';
  /** The still-encoded path after `/blob/`, so URLs can be rebuilt exactly. */
  rawRest: string;
  /**
   * Decoded segments after blob|tree: the ref, then the path. A ref may contain
   * slashes (`feature/x`), so only the repository's refs can tell where it ends.
   */
  refAndPath: string[];
}

const isKind = (segment: string | undefined) => segment === 'blob' || segment === 'tree';

function hostMatches(url: URL, gitHosts: ReadonlySet<string>): boolean {
  return gitHosts.has(url.host.toLowerCase()) || gitHosts.has(url.hostname.toLowerCase());
}

/** Index of the last repository segment, or -1 when the path is not a blob/tree URL. */
function repoEnd(segments: string[], isGitHost: boolean): number {
  const markerAt = (i: number) => isKind(segments[i]) || (segments[i] === '-' && isKind(segments[i + 1]));
  // Any host: a `<name>.git` segment ends the repository path.
  for (let i = 1; i < segments.length - 1; i += 1) {
    if (segments[i].length > 4 && segments[i].endsWith('.git') && markerAt(i + 1)) return i;
  }
  if (!isGitHost) return -1;
  // GitLab's `/-/blob/` ends a repository path of any depth (subgroups).
  const dash = segments.indexOf('-');
  if (dash >= 3 && markerAt(dash)) return dash - 1;
  // GitHub style: `/<org>/<repo>/blob/...`.
  return segments.length > 3 && isKind(segments[3]) ? 2 : -1;
}

function decodeSegment(segment: string, href: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new InputError(`${href} is not a valid URL: bad escape in "${segment}"`);
  }
  // git reads `<rev>:./x` relative to a working directory; never hand it such paths.
  if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\\n\0]/.test(decoded)) {
    throw new InputError(`${href} has an invalid path segment "${segment}"`);
  }
  return decoded;
}

export function parseGitUrl(input: URL, gitHosts: ReadonlySet<string>): GitLocation | undefined {
  if (input.protocol !== 'http:' && input.protocol !== 'https:') return undefined;
  const segments = input.pathname.split('/');
  const end = repoEnd(segments, hostMatches(input, gitHosts));
  if (end === -1) return undefined;

  const separator = segments[end + 1] === '-' ? '/-' : '';
  const kindAt = end + (separator ? 2 : 1);
  const kind = segments[kindAt] as 'blob' | 'tree';
  const rest = segments.slice(kindAt + 1);
  if (rest.length > 0 && rest[rest.length - 1] === '') rest.pop(); // tree URLs often end in '/'
  if (rest.length === 0) throw new InputError(`${input.href} names no branch, tag or commit after /${kind}/`);

  const url = new URL(input.href);
  url.search = '';
  url.hash = '';
  const repoPath = segments.slice(0, end + 1).join('/');
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return {
    url,
    repoUrl: `${url.protocol}//${credentials}${url.host}${repoPath}`,
    repoBase: `${url.origin}${repoPath}`,
    separator,
    kind,
    rawRest: rest.join('/'),
    refAndPath: rest.map((segment) => decodeSegment(segment, input.href)),
  };
}

/** The same location in another form (`blob`, `tree`, `edit`), keeping ref and path. */
export function gitUrlAs(location: GitLocation, kind: string, rawRest = location.rawRest): string {
  return `${location.repoBase}${location.separator}/${kind}/${rawRest}`;
}
