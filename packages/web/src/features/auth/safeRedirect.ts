/**
 * The `redirect` parameter as a path on this site, else `/`. Anything else (`https://…`, `//host`,
 * `/\host`, which browsers read as another host) would make the sign-in page an open redirect.
 */
export function safeRedirect(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/signin')) return '/';
  return value;
}
