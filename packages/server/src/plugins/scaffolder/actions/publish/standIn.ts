import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

type Handler = (request: StandInRequest, params: string[]) => { status?: number; body: unknown };

/**
 * A tiny HTTP server answering the few REST endpoints a code host SDK calls, for tests of the
 * publish actions: routes are `METHOD /path/with/(regex groups)`; anything else answers 404.
 */
export async function startStandIn(routes: Record<string, Handler>) {
  const requests: StandInRequest[] = [];
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ');
    return { method, pattern: new RegExp(`^${pattern}$`), handler };
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const pathOnly = (req.url ?? '/').split('?')[0];
      const request = {
        method: req.method ?? 'GET',
        path: pathOnly,
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(request);
      for (const route of compiled) {
        const match = route.method === request.method ? route.pattern.exec(pathOnly) : null;
        if (!match) continue;
        const answer = route.handler(request, match.slice(1).map(decodeURIComponent));
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
