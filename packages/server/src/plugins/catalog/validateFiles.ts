import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { YamlSyntaxError, createKindRegistry, parseCatalogYaml, type EntityProblem } from '@greenroom/model';
import fg from 'fast-glob';
import type { Config } from '../../core/config';
import { createUrlReader } from '../../core/reader';
import { processDocument } from './processing/processDocument';
import { CatalogRules } from './processing/rules';
import type { PlaceholderDependency } from './processing/placeholders';

export interface ValidateResult {
  files: number;
  entities: number;
  problems: EntityProblem[];
}

/**
 * `greenroom validate`: checks catalog files with the code ingestion uses (placeholders,
 * the model's validation, custom kinds, catalog.rules, size limit) plus refs defined twice.
 * Problems name files relative to `cwd`.
 */
export async function validateFiles(patterns: string[], config: Config, cwd = process.cwd()): Promise<ValidateResult> {
  const settings = {
    registry: createKindRegistry(config.catalog.customKinds),
    rules: new CatalogRules(config.catalog.rules),
    maxEntitySize: config.catalog.maxEntitySize,
    fingerprint: '',
  };
  const reader = createUrlReader({
    allowedHosts: config.reading.allow,
    gitHosts: config.reading.gitHosts,
    fileRoots: [cwd, ...config.reading.fileRoots],
    cacheDir: path.join(os.tmpdir(), 'greenroom-validate-git'),
    timeoutMs: config.reading.timeoutMs,
  });
  const files = (await fg(patterns, { cwd, absolute: true, onlyFiles: true, dot: true })).sort();
  const problems: EntityProblem[] = [];
  const relative = (file: string) => path.relative(cwd, file) || file;
  for (const pattern of patterns) {
    if (!fg.isDynamicPattern(pattern) && !files.includes(path.resolve(cwd, pattern)))
      problems.push({ file: pattern, message: 'file not found' });
  }
  const seen = new Map<string, string>();
  let entities = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    let documents;
    try {
      documents = parseCatalogYaml(text, relative(file));
    } catch (error) {
      const e = error as YamlSyntaxError;
      problems.push({ file: relative(file), line: e.line, document: e.document, message: e.reason });
      continue;
    }
    const deps: PlaceholderDependency[] = [];
    for (const doc of documents) {
      const processed = await processDocument(doc, { type: 'file', target: file }, settings, reader, deps);
      problems.push(...processed.problems.map((p) => ({ ...p, file: relative(p.file) })));
      if (!processed.entity || !processed.ref) continue;
      const first = seen.get(processed.ref);
      if (first) {
        problems.push({
          file: relative(file),
          document: doc.index + 1,
          line: doc.line,
          message: `${processed.ref} is already defined in ${first}`,
        });
      } else {
        seen.set(processed.ref, relative(file));
        entities++;
      }
    }
  }
  return { files: files.length, entities, problems };
}
