// RepoUrlPicker's value, Backstage's format: `<host>?owner=<owner>&repo=<repo>`.

export interface RepoLocation {
  host: string;
  owner: string;
  repo: string;
}

export function serializeRepoUrl({ host, owner, repo }: RepoLocation): string {
  const params = new URLSearchParams();
  if (owner) params.set('owner', owner);
  if (repo) params.set('repo', repo);
  const query = params.toString();
  return query ? `${host}?${query}` : host;
}

export function parseRepoUrl(value: unknown): RepoLocation {
  if (typeof value !== 'string' || !value) return { host: '', owner: '', repo: '' };
  const question = value.indexOf('?');
  const host = question === -1 ? value : value.slice(0, question);
  const params = new URLSearchParams(question === -1 ? '' : value.slice(question + 1));
  return { host, owner: params.get('owner') ?? '', repo: params.get('repo') ?? '' };
}

/** What is wrong with a value given the field's `ui:options`, or undefined when it is complete and allowed. */
export function repoUrlProblem(
  value: unknown,
  options: { allowedHosts?: unknown; allowedOwners?: unknown; allowedRepos?: unknown },
): string | undefined {
  const { host, owner, repo } = parseRepoUrl(value);
  if (!host || !owner || !repo) return 'Incomplete repository location provided: a host, an owner and a repository are needed';
  const allowed = (list: unknown) => (Array.isArray(list) && list.length ? list.map(String) : undefined);
  if (allowed(options.allowedHosts) && !allowed(options.allowedHosts)!.includes(host)) return `The host ${host} is not allowed here`;
  if (allowed(options.allowedOwners) && !allowed(options.allowedOwners)!.includes(owner)) return `The owner ${owner} is not allowed here`;
  if (allowed(options.allowedRepos) && !allowed(options.allowedRepos)!.includes(repo)) return `The repository ${repo} is not allowed here`;
  return undefined;
}
