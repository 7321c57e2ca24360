import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../../core/errors';
import type { UrlReader } from '../../../../core/reader';
import { mapBounded } from '../../boundedConcurrency';

/** What fetch:* actions read template files with. */
export interface TemplateFileServices {
  reader: UrlReader;
  /** Dry-runs write the files they were sent below this directory; reads there skip the file roots. */
  dryRunRoot: string;
}

export type Located = { type: 'file'; path: string } | { type: 'url'; url: string };

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

/** A file of a template directory, read into memory; `path` is relative to the directory, with `/`. */
export interface TemplateFile {
  path: string;
  content: Buffer;
  /** Permission bits of the source, so scripts stay executable. */
  mode: number;
}

/** A file to write into the workspace. */
export interface WorkspaceFile {
  target: string;
  content: Buffer | string;
  mode: number;
}

// Enough parallel reads and writes to keep libuv's thread pool busy, few enough to stay far from file limits.
const FILE_CONCURRENCY = 16;

const byPath = (a: TemplateFile, b: TemplateFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Every regular file below `root` (symbolic links left out), as paths relative to it with `/`. */
async function listFiles(root: string, dir = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

/** A directory this server wrote itself (a git tree it read, a dry-run's files): read without the reader's checks. */
async function readLocalTree(root: string): Promise<TemplateFile[]> {
  const files = await mapBounded(await listFiles(root), FILE_CONCURRENCY, async (file) => {
    const source = path.join(root, file);
    const [content, info] = await Promise.all([readFile(source), stat(source)]);
    return { path: file, content, mode: info.mode & 0o777 };
  });
  return files.sort(byPath);
}

/**
 * Every regular file below a template directory, read once into memory, sorted by path.
 * `scratch` makes a directory for a git tree, which the reader can only write to disk.
 */
export async function readTemplateFiles(
  services: TemplateFileServices,
  source: Located,
  scratch: () => Promise<string>,
): Promise<TemplateFile[]> {
  if (source.type === 'url') {
    if (!services.reader.readTree) throw new InputError('This server cannot read directories from URLs');
    const into = await scratch();
    await services.reader.readTree(source.url, into);
    return readLocalTree(into);
  }
  // Written by this server from a dry-run request; symlinks cannot occur there.
  if (within(services.dryRunRoot, source.path)) return readLocalTree(source.path);
  // Through the reader, so the file roots (and their symlink checks) apply. Dot files are matched explicitly.
  const base = source.path.replace(/\/+$/, '');
  const found = new Set<string>();
  for (const pattern of ['**', '**/.*', '**/.*/**']) {
    for (const file of await services.reader.expandFiles(`${base}/${pattern}`)) found.add(file);
  }
  if (!found.size) throw new InputError(`The template directory ${base} is empty or does not exist`);
  const files = await mapBounded([...found], FILE_CONCURRENCY, async (file) => {
    const [content, info] = await Promise.all([services.reader.read('file', file), stat(file)]);
    return { path: path.relative(base, file).split(path.sep).join('/'), content, mode: info.mode & 0o777 };
  });
  return files.sort(byPath);
}

let umask: number | undefined;
/** Read once: a file created with `mode` gets `mode & ~umask`, so only modes the umask would change need a chmod. */
const processUmask = () => (umask ??= process.umask());

/**
 * Writes each file once, creating each directory once, with bounded parallelism. An existing file
 * is overwritten with `replace`, else kept; when several files name one target, the last wins with
 * `replace` and the first without, as writing them in order would. Answers the files kept.
 */
export async function writeWorkspaceFiles<F extends WorkspaceFile>(files: F[], options: { replace: boolean }): Promise<F[]> {
  const kept = new Set<F>();
  const byTarget = new Map<string, F>();
  for (const file of files) {
    if (options.replace || !byTarget.has(file.target)) byTarget.set(file.target, file);
    else kept.add(file);
  }
  const unique = [...byTarget.values()];
  await mapBounded([...new Set(unique.map((file) => path.dirname(file.target)))], FILE_CONCURRENCY, (dir) =>
    mkdir(dir, { recursive: true }),
  );
  await mapBounded(unique, FILE_CONCURRENCY, async (file) => {
    try {
      // 'wx' creates or fails: no stat beforehand, and no race with a file appearing meanwhile.
      await writeFile(file.target, file.content, { mode: file.mode, flag: 'wx' });
      if (file.mode & processUmask()) await chmod(file.target, file.mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!options.replace) return void kept.add(file);
      await writeFile(file.target, file.content);
      await chmod(file.target, file.mode);
    }
  });
  return files.filter((file) => kept.has(file));
}

export async function fetchFile(services: TemplateFileServices, source: Located): Promise<Buffer> {
  if (source.type === 'url') return services.reader.read('url', source.url);
  if (within(services.dryRunRoot, source.path)) return readFile(source.path);
  return services.reader.read('file', source.path);
}
