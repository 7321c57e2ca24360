import path from 'node:path';
import { InputError } from '../errors';
import { gitUrlAs, parseGitUrl } from './gitUrl';
import type { LocationType } from './types';

const hasScheme = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value);

function resolveUrl(base: string, relative: string, gitHosts: ReadonlySet<string>): string {
  let baseUrl: URL;
  try {
    baseUrl = new URL(base);
  } catch {
    throw new InputError(`Cannot resolve "${relative}": base "${base}" is not a URL`);
  }
  const git = parseGitUrl(baseUrl, gitHosts);
  if (!git) return new URL(relative, baseUrl).href;

  // Within a repository, the root is `<repo>/blob/<ref>/`: a leading '/' means the
  // repository root (as Backstage does), and '..' may not climb out of it.
  // The ref is taken as one segment here; resolving cannot ask the repository.
  const ref = git.rawRest.split('/')[0];
  const root = `${gitUrlAs(git, git.kind, ref)}/`;
  if (relative.startsWith('/')) return new URL(`.${relative}`, root).href;
  // A tree URL names a directory, so its last segment is part of the base, not a file name.
  const from = git.kind === 'tree' ? `${git.url.href.replace(/\/$/, '')}/` : git.url.href;
  const resolved = new URL(relative, from).href;
  if (!resolved.startsWith(root)) {
    throw new InputError(`"${relative}" leads outside the repository of ${git.repoBase} (from ${base})`);
  }
  return resolved;
}

/** Resolves `relative` against a location of the same type; absolute targets come back unchanged. */
export function resolveLocation(type: LocationType, base: string, relative: string, gitHosts: ReadonlySet<string>): string {
  if (type === 'file') {
    if (path.isAbsolute(relative) || hasScheme(relative)) return relative;
    const baseFile = base.startsWith('file://') ? decodeURIComponent(new URL(base).pathname) : base;
    // A base ending in '/' names a directory itself, not a file within one.
    const directory = baseFile.endsWith('/') ? baseFile : path.dirname(baseFile);
    return path.resolve(directory, relative);
  }
  if (hasScheme(relative)) return relative;
  return resolveUrl(base, relative, gitHosts);
}
