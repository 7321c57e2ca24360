import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// What a browser downloads, measured on the built files: gzip level 9, as a
// server or CDN would send them precompressed, and independent of how this
// server happens to compress on the fly.

export interface JsSize {
  /** Relative to dist, `/`-separated. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function jsSize(distDir: string, file: string): Promise<JsSize> {
  const content = await readFile(path.join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Every `.js` file under dist. */
export async function allJsSizes(distDir: string): Promise<JsSize[]> {
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.relative(distDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  return Promise.all(files.map((file) => jsSize(distDir, file)));
}

/** The dist file a script URL loaded by the page was served from; throws when there is none. */
export function distFileOf(distDir: string, scriptUrl: string, origin: string): string {
  const url = new URL(scriptUrl);
  if (url.origin !== origin) throw new Error(`The page loaded a script from another origin: ${scriptUrl}`);
  const file = path.resolve(distDir, `.${decodeURIComponent(url.pathname)}`);
  if (!file.startsWith(distDir + path.sep)) throw new Error(`Script ${scriptUrl} is outside the web app's dist directory`);
  return path.relative(distDir, file).split(path.sep).join('/');
}

export function sumGzip(sizes: readonly JsSize[]): number {
  return sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
}
