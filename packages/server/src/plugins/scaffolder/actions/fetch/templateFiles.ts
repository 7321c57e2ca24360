import { chmod, cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../../core/errors';
import type { UrlReader } from '../../../../core/reader';

/** What fetch:* actions read template files with. */
export interface TemplateFileServices {
  reader: UrlReader;
  /** Dry-runs write the files they were sent below this directory; reads there skip the file roots. */
  dryRunRoot: string;
}

type Located = { type: 'file'; path: string } | { type: 'url'; url: string };

const hasScheme = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value);

function within(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** `url` as written in a step (absolute, or relative to the template's own location). */
export function locate(url: string, baseUrl: string | undefined, reader: UrlReader): Located {
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  if (url.startsWith('file:')) throw new InputError(`"${url}": file URLs are not allowed; use a path relative to the template`);
  if (hasScheme(url)) throw new InputError(`"${url}" is neither an http(s) URL nor a path relative to the template`);
  if (!baseUrl) throw new InputError(`"${url}" is relative, but the template's location is unknown`);
  if (baseUrl.startsWith('file:')) {
    const base = fileURLToPath(baseUrl);
    if (path.isAbsolute(url)) throw new InputError(`"${url}" is absolute; write it relative to the template`);
    return { type: 'file', path: reader.resolve('file', base, url) };
  }
  return { type: 'url', url: reader.resolve('url', baseUrl, url) };
}

/** Every regular file below a template directory, written into the empty directory `into`. */
export async function fetchDirectory(services: TemplateFileServices, source: Located, into: string): Promise<void> {
  if (source.type === 'url') {
    if (!services.reader.readTree) throw new InputError('This server cannot read directories from URLs');
    await services.reader.readTree(source.url, into);
    return;
  }
  if (within(services.dryRunRoot, source.path)) {
    // Written by this server from a dry-run request; symlinks cannot occur there.
    await cp(source.path, into, { recursive: true });
    return;
  }
  // Through the reader, so the file roots (and their symlink checks) apply. Dot files are matched explicitly.
  const base = source.path.replace(/\/+$/, '');
  const found = new Set<string>();
  for (const pattern of ['**', '**/.*', '**/.*/**']) {
    for (const file of await services.reader.expandFiles(`${base}/${pattern}`)) found.add(file);
  }
  if (!found.size) throw new InputError(`The template directory ${base} is empty or does not exist`);
  for (const file of found) {
    const target = path.join(into, path.relative(base, file));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await services.reader.read('file', file));
    // Scripts stay executable.
    await chmod(target, (await stat(file)).mode & 0o777);
  }
}

export async function fetchFile(services: TemplateFileServices, source: Located): Promise<Buffer> {
  if (source.type === 'url') return services.reader.read('url', source.url);
  if (within(services.dryRunRoot, source.path)) return readFile(source.path);
  return services.reader.read('file', source.path);
}
