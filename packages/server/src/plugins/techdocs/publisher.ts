import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, NotFoundError } from '../../core/errors';
import { writeSite, type BuildResult } from './build';

/** Where built sites live, by `<namespace>/<kind>/<name>` (lower case), as Backstage's publishers lay them out. */
export interface Publisher {
  publish(prefix: string, site: BuildResult): Promise<void>;
  /** A file of a published site; NotFoundError when there is none. */
  read(prefix: string, file: string): Promise<Buffer>;
  /** Whether a published site has the file (a site recorded as built may be gone: a new bucket, a wiped disk). */
  exists(prefix: string, file: string): Promise<boolean>;
  /** Removes a site (its entity is gone or no longer documented). */
  remove(prefix: string): Promise<void>;
}

/**
 * The local file system, under the data directory. A new site is written beside the old one and
 * swapped in, so readers never see half a site and a failed write keeps the last good one.
 */
export function localPublisher(baseDir: string): Publisher {
  const siteDir = (prefix: string) => path.join(baseDir, ...prefix.split('/'));
  const fileOf = (prefix: string, file: string) => {
    const root = siteDir(prefix);
    const resolved = path.resolve(root, ...file.split('/'));
    // The path comes from a URL: it must stay inside the site.
    if (file.includes('\0') || (resolved !== root && !resolved.startsWith(root + path.sep)))
      throw new InputError(`Not a file of the site: ${file}`);
    return resolved;
  };
  return {
    async publish(prefix, site) {
      const target = siteDir(prefix);
      const staging = `${target}.next-${process.pid}-${Date.now()}`;
      await writeSite(site, staging);
      await mkdir(path.dirname(target), { recursive: true });
      const old = `${target}.old-${process.pid}-${Date.now()}`;
      await rename(target, old).catch(() => undefined);
      await rename(staging, target);
      await rm(old, { recursive: true, force: true });
    },
    async read(prefix, file) {
      try {
        return await readFile(fileOf(prefix, file));
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new NotFoundError(`No ${file} in the documentation of ${prefix}`);
      }
    },
    async exists(prefix, file) {
      return stat(fileOf(prefix, file)).then(
        (found) => found.isFile(),
        () => false,
      );
    },
    async remove(prefix) {
      await rm(siteDir(prefix), { recursive: true, force: true });
    },
  };
}
