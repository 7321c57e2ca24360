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

/** Fetches JSON from the API; every failure becomes an ApiError whose message a user can read. */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  } catch (error) {
    throw new ApiError(`The server could not be reached (${(error as Error).message})`, 0, 'NetworkError');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
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
