import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { BuildWarning } from './warnings';

const SNIPPET_LINE = /^([ \t]*)--8<--[ \t]+"([^"]+)"[ \t]*$/;
const MAX_DEPTH = 4;

/**
 * pymdownx.snippets: a line `--8<-- "file"` is replaced by the file, looked up in the directory
 * holding mkdocs.yml and then in docs_dir, never outside the documented root (symbolic links
 * included). A snippet may include others, a few levels deep. Problems become warnings and the
 * line is dropped, so nothing raw reaches the page.
 */
export async function includeSnippets(
  markdown: string,
  context: { root: string; docsDir: string; file: string },
  warnings: BuildWarning[],
  depth = 0,
): Promise<string> {
  if (!markdown.includes('--8<--')) return markdown;
  const rootReal = await realpath(context.root);
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    const match = SNIPPET_LINE.exec(line);
    if (!match) {
      out.push(line);
      continue;
    }
    const [, indent, target] = match;
    const warn = (message: string) => warnings.push({ file: context.file, line: index + 1, message });
    if (depth >= MAX_DEPTH) {
      warn(`snippet "${target}" not included: snippets nest more than ${MAX_DEPTH} deep`);
      continue;
    }
    const found = await locate(target, rootReal, [context.root, path.join(context.root, context.docsDir)]);
    if ('problem' in found) {
      warn(`snippet "${target}" not included: ${found.problem}`);
      continue;
    }
    const text = await includeSnippets(
      (await readFile(found.file, 'utf8')).replace(/\n$/, ''),
      { ...context, file: path.relative(context.root, found.file) },
      warnings,
      depth + 1,
    );
    out.push(...text.split('\n').map((l) => (l ? indent + l : l)));
  }
  return out.join('\n');
}

async function locate(target: string, rootReal: string, bases: string[]): Promise<{ file: string } | { problem: string }> {
  if (path.isAbsolute(target) || target.split(/[\\/]/).includes('..')) return { problem: 'it points outside the documentation' };
  for (const base of bases) {
    const real = await realpath(path.join(base, target)).catch(() => undefined);
    if (!real) continue;
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return { problem: 'it points outside the documentation' };
    return { file: real };
  }
  return { problem: 'no such file' };
}
