/**
 * What to register for what the user pasted: a YAML file as it is; a repository as its
 * `catalog-info.yaml` on the default branch (`blob/HEAD/`, GitLab's `/-/blob/HEAD/`).
 */
export function catalogFileTarget(input: string): string {
  const url = input.trim();
  if (/\.ya?ml$/i.test(new URL(url).pathname)) return url;
  const repository = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const separator = new URL(repository).hostname.includes('gitlab') ? '/-/blob/HEAD/' : '/blob/HEAD/';
  return `${repository}${separator}catalog-info.yaml`;
}

/** A message for input that is not an http(s) URL at all, or undefined when it is one. */
export function urlProblem(input: string): string | undefined {
  const value = input.trim();
  if (!value) return 'Enter the URL of a catalog-info.yaml file or of a repository';
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https:// or http://';
  } catch {
    return 'This is not a URL; it should look like https://github.com/org/repo/blob/main/catalog-info.yaml';
  }
  return undefined;
}
