import { apiFetch } from '../api/http';

/** CONDITIONAL answers a check without a resource: allowed on the resources the policy's conditions match. */
export type AuthorizeResult = 'ALLOW' | 'DENY' | 'CONDITIONAL';

export interface AuthorizeRequest {
  permission: string;
  resourceRef?: string;
}

interface Pending extends AuthorizeRequest {
  id: string;
  resolve(result: AuthorizeResult): void;
  reject(error: unknown): void;
}

/** Most checks on a page start in the same render; anything asked within this window shares one request. */
const BATCH_WINDOW_MS = 10;
/** Keeps a request body small even on a long list page. */
const MAX_BATCH = 100;

/**
 * Collects permission checks for a moment and asks the server about all of them in one
 * `POST /api/permission/authorize`, answering each caller with its own result.
 */
export function createAuthorizer(send = postAuthorize) {
  let queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;

  const flush = () => {
    timer = undefined;
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += MAX_BATCH) void sendBatch(batch.slice(i, i + MAX_BATCH));
  };

  const sendBatch = async (batch: Pending[]) => {
    try {
      const answer = await send(batch.map(({ id, permission, resourceRef }) => ({ id, permission, resourceRef })));
      const results = new Map(answer.items.map((item) => [item.id, item.result]));
      // A missing answer is a refusal: the UI must never offer what the server did not allow.
      for (const item of batch) item.resolve(results.get(item.id) ?? 'DENY');
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };

  return (request: AuthorizeRequest): Promise<AuthorizeResult> =>
    new Promise((resolve, reject) => {
      queue.push({ ...request, id: String(nextId++), resolve, reject });
      timer ??= setTimeout(flush, BATCH_WINDOW_MS);
    });
}

function postAuthorize(items: Array<{ id: string } & AuthorizeRequest>) {
  return apiFetch<{ items: Array<{ id: string; result: AuthorizeResult }> }>('/api/permission/authorize', {
    method: 'POST',
    json: { items },
  });
}

export const authorize = createAuthorizer();
