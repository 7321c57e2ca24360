import { gitUrlAs, parseGitUrl, type GitLocation } from './gitUrl';
import type { LocationType, ScmUrls } from './types';

/**
 * View, edit and source-location URLs for a location, as Backstage puts in its
 * `backstage.io/view-url`, `edit-url` and `source-location` annotations.
 * An edit URL is only derivable for configured git hosts (GitHub's `/edit/`,
 * GitLab's `/-/edit/`); a bare `.git` server has no web editor we know of.
 */
export function scmUrlsFor(type: LocationType, target: string, gitHosts: ReadonlySet<string>): ScmUrls {
  if (type !== 'url') return {};
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return {};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return {};
  let git: GitLocation | undefined;
  try {
    git = parseGitUrl(url, gitHosts);
  } catch {
    return {};
  }
  if (!git) return { viewUrl: target, sourceLocation: `url:${new URL('./', url).href}` };

  const isGitHost = gitHosts.has(url.host.toLowerCase()) || gitHosts.has(url.hostname.toLowerCase());
  if (git.kind === 'tree') return { viewUrl: target, sourceLocation: `url:${gitUrlAs(git, 'tree')}/` };
  const parts = git.rawRest.split('/');
  const directory = parts.length > 1 ? parts.slice(0, -1).join('/') : parts[0];
  return {
    viewUrl: target,
    ...(isGitHost ? { editUrl: gitUrlAs(git, 'edit') } : {}),
    sourceLocation: `url:${gitUrlAs(git, 'tree', directory)}/`,
  };
}
