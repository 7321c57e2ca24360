/** An error answered by the Greenroom API (`{ error: { name, message } }`) or by the network. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorName: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

/** The cookie the server sets for double-submit CSRF protection; its value goes back as a header. */
const CSRF_COOKIE = 'greenroom_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** `/signin?redirect=<where the user is now>`, so signing in brings them back. */
export function signInPath(current = `${window.location.pathname}${window.location.search}${window.location.hash}`): string {
  return current.startsWith('/signin') ? '/signin' : `/signin?redirect=${encodeURIComponent(current)}`;
}

/**
 * A full page load, used when the session changes (a 401, signing out) so that every cached
 * answer of the old session is dropped. Replaceable in tests: jsdom cannot navigate.
 */
export const fullPageLoad = {
  go(target: string): void {
    window.location.assign(target);
  },
};

/** Fetches JSON from the API; every failure becomes an ApiError whose message a user can read. */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const method = (rest.method ?? 'GET').toUpperCase();
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers.set('x-csrf-token', csrf);
  }
  let response: Response;
  try {
    response = await fetch(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  } catch (error) {
    throw new ApiError(`The server could not be reached (${(error as Error).message})`, 0, 'NetworkError');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (response.status === 401 && !window.location.pathname.startsWith('/signin')) fullPageLoad.go(signInPath());
  if (!response.ok) {
    const error = (body as { error?: { name?: string; message?: string } } | undefined)?.error;
    throw new ApiError(error?.message ?? `${response.status} ${response.statusText}`, response.status, error?.name ?? 'Error');
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
