import { parseEntityRef } from '@greenroom/model';
import { stringify as toYaml } from 'yaml';
import { InputError } from '../../../core/errors';

export interface RepoUrlParts {
  host: string;
  owner?: string;
  repo: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

/** RepoUrlPicker's `host?owner=o&repo=r` (plus organization, workspace, project for other hosts). */
export function parseRepoUrl(repoUrl: unknown): RepoUrlParts {
  if (typeof repoUrl !== 'string' || !repoUrl) throw new InputError(`parseRepoUrl: expected a repository URL such as github.com?owner=o&repo=r, got ${JSON.stringify(repoUrl)}`);
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new InputError(`parseRepoUrl: "${repoUrl}" is not a repository URL such as github.com?owner=o&repo=r`);
  }
  const param = (name: string) => url.searchParams.get(name) || undefined;
  const repo = param('repo');
  if (!repo) throw new InputError(`parseRepoUrl: "${repoUrl}" names no repo (expected host?owner=o&repo=r)`);
  const parts: RepoUrlParts = { host: url.host, repo };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const value = param(key);
    if (value) parts[key] = value;
  }
  return parts;
}

/** The filters `${{ }}` expressions may use besides Nunjucks' own (dump, lower, replace, join, …). */
export const templateFilters: Record<string, (...args: never[]) => unknown> = {
  parseRepoUrl: (repoUrl: unknown) => parseRepoUrl(repoUrl),
  parseEntityRef: (ref: unknown, context?: { defaultKind?: string; defaultNamespace?: string }) => {
    try {
      return parseEntityRef(ref as string, context ?? {});
    } catch (error) {
      throw new InputError(`parseEntityRef: ${(error as Error).message}`);
    }
  },
  pick: (value: unknown, key: string) => (value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined),
  projectSlug: (repoUrl: unknown) => {
    const parts = parseRepoUrl(repoUrl);
    return `${parts.owner ?? parts.workspace ?? parts.organization ?? parts.project}/${parts.repo}`;
  },
  json: (value: unknown) => JSON.stringify(value),
  yaml: (value: unknown) => toYaml(value),
};
