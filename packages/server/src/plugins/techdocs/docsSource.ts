import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { ANNOTATION_MANAGED_BY_LOCATION, ANNOTATION_TECHDOCS_REF, type Entity } from '@greenroom/model';
import type { UrlReader } from '../../core/reader';

/** A documentation source ready to build: a local folder, removed by `release` when it was a checkout. */
export type DocsSource = { dir: string; release(): Promise<void> } | { problem: string };

export interface DocsSourceDeps {
  reader: UrlReader;
  /** Directories `dir:` sources of file locations must stay inside (reading.fileRoots). */
  fileRoots: string[];
  /** Where checkouts of git sources are written while they are built. */
  workDir: string;
}

const keep = async () => undefined;

/**
 * Finds an entity's documentation from `backstage.io/techdocs-ref`:
 * - `dir:<path>`: relative to the location the entity came from: a folder on disk (inside the file
 *   roots) for a `file:` location, the same repository's tree for a git `url:` location;
 * - `url:<tree URL>`: a folder of a git repository.
 * Repositories are read through the reader, so its host allow-list applies.
 */
export async function resolveDocsSource(entity: Entity, deps: DocsSourceDeps): Promise<DocsSource> {
  const ref = entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF] ?? '';
  const location = entity.metadata.annotations?.[ANNOTATION_MANAGED_BY_LOCATION] ?? '';
  const problem = (text: string) => ({ problem: `${ANNOTATION_TECHDOCS_REF} "${ref}": ${text}` });

  if (ref.startsWith('url:')) return checkout(ref.slice('url:'.length), deps, problem);
  if (!ref.startsWith('dir:')) return problem('must start with dir: or url:');
  const relative = ref.slice('dir:'.length) || '.';
  if (location.startsWith('file:'))
    return localFolder(path.resolve(path.dirname(location.slice('file:'.length)), relative), deps.fileRoots, problem);
  if (location.startsWith('url:')) {
    let url: string;
    try {
      // Against the catalog file's URL: `./` beside `.../blob/main/catalog-info.yaml` is `.../blob/main/`.
      url = deps.reader.resolve('url', location.slice('url:'.length), relative.endsWith('/') ? relative : `${relative}/`);
    } catch (error) {
      return problem((error as Error).message);
    }
    return checkout(url, deps, problem);
  }
  return problem(`dir: needs the file: or url: location the entity came from (it came from ${location || 'nowhere'})`);
}

async function localFolder(dir: string, fileRoots: string[], problem: (text: string) => { problem: string }): Promise<DocsSource> {
  const real = await realpath(dir).catch(() => undefined);
  if (!real) return problem(`${dir} does not exist`);
  const roots = await Promise.all(fileRoots.map((root) => realpath(root).catch(() => root)));
  if (!roots.some((root) => real === root || real.startsWith(root + path.sep)))
    return problem(`${dir} is outside the configured reading.fileRoots`);
  return { dir: real, release: keep };
}

async function checkout(url: string, deps: DocsSourceDeps, problem: (text: string) => { problem: string }): Promise<DocsSource> {
  if (!deps.reader.readTree) return problem('this server cannot read directories from URLs');
  await mkdir(deps.workDir, { recursive: true });
  const dir = await mkdtemp(path.join(deps.workDir, 'source-'));
  const release = () => rm(dir, { recursive: true, force: true });
  try {
    await deps.reader.readTree(url, dir);
    return { dir, release };
  } catch (error) {
    await release();
    return problem((error as Error).message);
  }
}
