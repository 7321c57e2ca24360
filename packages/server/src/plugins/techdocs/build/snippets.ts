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
export interface SnippetContext {
  root: string;
  docsDir: string;
  /** The including file, relative to root, for warnings. */
  file: string;
  /** Per build: snippets are usually shared by many pages, so each is looked up and read once. */
  cache: Map<string, Promise<{ file: string; text: string } | { problem: string }>>;
}

export async function includeSnippets(markdown: string, context: SnippetContext, warnings: BuildWarning[], depth = 0): Promise<string> {
  if (!markdown.includes('--8<--')) return markdown;
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
    let found = context.cache.get(target);
    if (!found) context.cache.set(target, (found = read(target, context)));
    const snippet = await found;
    if ('problem' in snippet) {
      warn(`snippet "${target}" not included: ${snippet.problem}`);
      continue;
    }
    const text = await includeSnippets(snippet.text, { ...context, file: path.relative(context.root, snippet.file) }, warnings, depth + 1);
    out.push(...text.split('\n').map((l) => (l ? indent + l : l)));
  }
  return out.join('\n');
}

async function read(target: string, context: SnippetContext): Promise<{ file: string; text: string } | { problem: string }> {
  if (path.isAbsolute(target) || target.split(/[\\/]/).includes('..')) return { problem: 'it points outside the documentation' };
  const rootReal = await realpath(context.root);
  for (const base of [context.root, path.join(context.root, context.docsDir)]) {
    const real = await realpath(path.join(base, target)).catch(() => undefined);
    if (!real) continue;
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return { problem: 'it points outside the documentation' };
    const text = await readFile(real, 'utf8').catch(() => undefined);
    return text === undefined ? { problem: 'unreadable' } : { file: real, text: text.replace(/\n$/, '') };
  }
  return { problem: 'no such file' };
}
