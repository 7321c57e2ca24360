import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { InputError, NotAllowedError, NotFoundError, PayloadTooLargeError, ReadError } from '../errors';

/**
 * Confines file reads to configured roots. Paths are checked twice: as written
 * (after `..` is resolved), and again after symlinks are followed, because a
 * link inside a root may point anywhere.
 */
export class FileAccess {
  private readonly roots: string[];
  private realRoots?: Promise<string[]>;

  constructor(
    roots: string[],
    private readonly maxBytes: number,
  ) {
    for (const root of roots) {
      if (!path.isAbsolute(root)) throw new InputError(`File root "${root}" must be an absolute path`);
    }
    this.roots = roots.map((root) => path.resolve(root));
  }

  async read(target: string): Promise<Buffer> {
    const file = await this.checkedPath(target);
    const info = await stat(file);
    if (info.isDirectory()) throw new NotFoundError(`${target} is a directory, not a file`);
    if (info.size > this.maxBytes) {
      throw new PayloadTooLargeError(`${target} is larger than the ${this.maxBytes} byte limit for reading`);
    }
    return readFile(file);
  }

  /**
   * Refuses (NotAllowedError) a path or glob that leads outside the roots, by `..` or
   * through a symbolic link, without reading it. A file that does not exist yet passes:
   * that is for the read to report, not a question of policy.
   */
  async check(pattern: string): Promise<void> {
    const absolute = this.absolute(pattern);
    const fixed = fg.isDynamicPattern(absolute) ? globBase(absolute) : absolute;
    if (fixed !== absolute && !this.lexicallyInside(fixed)) throw this.outside(pattern);
    try {
      await this.checkedPath(fixed);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  /** A plain path or a fast-glob pattern, expanded to the files it names inside the roots. */
  async expand(pattern: string): Promise<string[]> {
    const absolute = this.absolute(pattern);
    if (!fg.isDynamicPattern(absolute)) {
      const file = await this.checkedPath(absolute);
      if ((await stat(file)).isDirectory()) throw new NotFoundError(`${pattern} is a directory, not a file`);
      return [path.resolve(absolute)];
    }
    // The fixed part before the first glob segment must already be inside a root,
    // so `/etc/*.yaml` is refused rather than silently matching nothing.
    const base = globBase(absolute);
    if (!this.lexicallyInside(base)) throw this.outside(pattern);

    const matches = await fg(absolute, { absolute: true, onlyFiles: true, unique: true });
    const allowed: string[] = [];
    for (const match of matches) {
      const resolved = path.resolve(match);
      if (await this.isInside(resolved)) allowed.push(resolved);
    }
    return [...new Set(allowed)].sort();
  }

  private absolute(target: string): string {
    const file = target.startsWith('file://') ? decodeURIComponent(new URL(target).pathname) : target;
    if (!path.isAbsolute(file)) throw new InputError(`File location "${target}" must be an absolute path`);
    return file;
  }

  /** The real path of `target` if it is inside a root; NotAllowedError or NotFoundError otherwise. */
  private async checkedPath(target: string): Promise<string> {
    const file = path.resolve(this.absolute(target));
    if (!this.lexicallyInside(file)) throw this.outside(target);
    let real: string;
    try {
      real = await realpath(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new ReadError(`Cannot read ${target}: ${code}`);
      // Say "not found" only when the nearest existing ancestor is inside a root:
      // otherwise a dangling link would reveal what exists outside.
      if (!(await this.isInside(await nearestExisting(file)))) throw this.outside(target);
      throw new NotFoundError(`File ${target} does not exist`);
    }
    if (!this.realInside(real, await this.resolvedRoots())) throw this.outside(target);
    return real;
  }

  private async isInside(file: string): Promise<boolean> {
    try {
      return this.lexicallyInside(file) && this.realInside(await realpath(file), await this.resolvedRoots());
    } catch {
      return false;
    }
  }

  private lexicallyInside(file: string): boolean {
    return this.roots.some((root) => within(root, file));
  }

  private realInside(real: string, realRoots: string[]): boolean {
    return realRoots.some((root) => within(root, real));
  }

  // Roots themselves may be symlinks (macOS /tmp); compare real paths with real paths.
  private resolvedRoots(): Promise<string[]> {
    this.realRoots ??= Promise.all(this.roots.map((root) => realpath(root).catch(() => root)));
    return this.realRoots;
  }

  private outside(target: string): NotAllowedError {
    return new NotAllowedError(`Reading ${target} is not allowed: it is outside the file roots (reading.fileRoots in greenroom.yaml)`);
  }
}

/** The directory before the first glob segment of an absolute pattern. */
function globBase(absolute: string): string {
  const segments = absolute.split('/');
  const firstDynamic = segments.findIndex((segment) => segment !== '' && fg.isDynamicPattern(segment));
  return path.resolve(segments.slice(0, firstDynamic).join('/') || '/');
}

function within(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

async function nearestExisting(file: string): Promise<string> {
  let current = file;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}
