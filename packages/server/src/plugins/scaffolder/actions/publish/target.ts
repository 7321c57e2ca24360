import type { Config } from '../../../../core/config';
import { InputError, NotAllowedError } from '../../../../core/errors';
import { parseRepoUrl } from '../../templating/filters';

/** Where a repository is created: the host and the owner/repo path on it. */
export interface RepoCoordinates {
  host: string;
  owner: string;
  repo: string;
}

const segment = /^[A-Za-z0-9._-]+$/;

function checkSegment(value: string, what: string, repoUrl: string): void {
  if (!segment.test(value) || value === '.' || value === '..' || value.endsWith('.git')) {
    throw new InputError(`repoUrl "${repoUrl}": ${what} "${value}" may only contain letters, digits, ".", "_" and "-"`);
  }
}

/** `host?owner=o&repo=r` (RepoUrlPicker's form) taken apart; owner may hold subgroups (`a/b`) for GitLab. */
export function repoCoordinates(repoUrl: string): RepoCoordinates {
  const parts = parseRepoUrl(repoUrl);
  const owner = parts.owner ?? parts.organization ?? parts.workspace;
  if (!owner) throw new InputError(`repoUrl "${repoUrl}" names no owner (expected host?owner=o&repo=r)`);
  for (const part of owner.split('/')) checkSegment(part, 'owner', repoUrl);
  checkSegment(parts.repo, 'repo', repoUrl);
  return { host: parts.host.toLowerCase(), owner, repo: parts.repo };
}

/**
 * Hosts publish actions may push to: scaffolder.allowedHosts and the reader's git hosts.
 * An entry matches the URL's host with its port, or its host name alone when the entry has no port.
 */
export function assertPublishAllowed(config: Config, url: URL): void {
  const allowed = [...config.scaffolder.allowedHosts, ...config.reading.gitHosts].map((h) => h.toLowerCase());
  if (allowed.includes(url.host.toLowerCase()) || allowed.includes(url.hostname.toLowerCase())) return;
  throw new NotAllowedError(`Publishing to ${url.host} is not allowed: add "${url.host}" to scaffolder.allowedHosts in greenroom.yaml`);
}

/** An http(s) URL without credentials; credentials belong in `integrations`, where they are never logged. */
export function parseRemoteUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${what} "${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`${what} "${value}" must be an http(s) URL`);
  }
  if (url.username || url.password) {
    throw new InputError(`${what} must not contain credentials; configure them under integrations in greenroom.yaml`);
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** Matches an integration entry by `host[:port]`, or by host name when the entry names no port. */
export function integrationFor<T extends { host: string }>(entries: T[], host: string): T | undefined {
  const lower = host.toLowerCase();
  return entries.find((e) => e.host.toLowerCase() === lower) ?? entries.find((e) => e.host.toLowerCase() === lower.split(':')[0]);
}

/**
 * The URL the catalog reader reads the pushed files from (Backstage's `repoContentsUrl`, no trailing slash:
 * catalog:register appends `/catalog-info.yaml`). On a configured git host `/<owner>/<repo>/blob/<branch>`
 * is understood; elsewhere only the `<repo>.git/blob/<branch>` form is.
 */
export function contentsUrl(config: Config, remote: URL, branch: string): string {
  const base = `${remote.origin}${remote.pathname.replace(/\/+$/, '')}`;
  const gitHost = config.reading.gitHosts.some((h) => [remote.host, remote.hostname].includes(h.toLowerCase()));
  const repoBase = gitHost ? base.replace(/\.git$/, '') : base.endsWith('.git') ? base : `${base}.git`;
  return `${repoBase}/blob/${branch.split('/').map(encodeURIComponent).join('/')}`;
}
