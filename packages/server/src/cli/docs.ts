import { watch } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildSite, writeSite, type BuildResult } from '../plugins/techdocs/build';

const formatWarning = (w: { file: string; line?: number; message: string }) => `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`;

/** `greenroom docs build <dir> --out <dir>`: the site, and every warning as `file:line: message`. */
export async function runDocsBuild(dir: string | undefined, out: string | undefined): Promise<number> {
  if (!dir || !out) {
    console.error('greenroom docs build: name the documentation folder and --out, e.g. greenroom docs build . --out site');
    return 2;
  }
  const started = performance.now();
  const result = await buildSite(path.resolve(dir));
  await writeSite(result, path.resolve(out));
  for (const warning of result.warnings) console.warn(formatWarning(warning));
  console.log(
    `${result.pageCount} page(s) built into ${out} in ${Math.round(performance.now() - started)} ms, ${result.warnings.length} warning(s)`,
  );
  return 0;
}

const RELOAD_SCRIPT = `<script>new EventSource('/__reload').onmessage = () => location.reload();</script>`;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
};

/** A running preview: its address, and how to stop it (tests). */
export interface DocsPreview {
  url: string;
  close(): Promise<void>;
}

/**
 * `greenroom docs serve <dir>`: a live preview. The site is rebuilt in memory when a file under the
 * folder changes, and open pages reload themselves (server-sent events). Listens on loopback only.
 */
export async function startDocsPreview(root: string, port: number, log: (line: string) => void = console.log): Promise<DocsPreview> {
  let site: BuildResult = await buildSite(root);
  const clients = new Set<http.ServerResponse>();
  const report = () => {
    for (const warning of site.warnings) log(formatWarning(warning));
    log(`${site.pageCount} page(s), ${site.warnings.length} warning(s)`);
  };
  report();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(root, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        site = await buildSite(root);
      } catch (error) {
        // The folder itself went away (a branch switch): keep showing the last build.
        log(`rebuild failed: ${(error as Error).message}`);
        return;
      }
      report();
      for (const client of clients) client.write('data: reload\n\n');
    }, 150);
  });
  const server = http.createServer((request, response) => {
    let url: string;
    try {
      url = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    if (url === '/__reload') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    const wanted = url.replace(/^\//, '');
    const file = site.files.find((f) => f.path === wanted || f.path === `${wanted}index.html` || f.path === `${wanted}/index.html`);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const type = TYPES[path.extname(file.path)] ?? 'application/octet-stream';
    const body = type.startsWith('text/html') ? String(file.content).replace('</body>', `${RELOAD_SCRIPT}</body>`) : file.content;
    response.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff' }).end(body);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://localhost:${address.port}/`,
    close: async () => {
      clearTimeout(timer);
      watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function runDocsServe(dir: string | undefined, port: string | undefined): Promise<number | undefined> {
  const portNumber = Number(port ?? 8000);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    console.error(`greenroom docs serve: --port must be a port number, not "${port}"`);
    return 2;
  }
  const root = path.resolve(dir ?? '.');
  const preview = await startDocsPreview(root, portNumber);
  console.log(`Previewing ${root} at ${preview.url} (rebuilds on save)`);
  return undefined;
}
