import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { BuildWarning } from './warnings';

/** A nav entry as written in mkdocs.yml: `page.md`, `{ Title: page.md }`, `{ Title: https://… }` or `{ Section: [...] }`. */
export type RawNav = Array<string | Record<string, string | RawNav>>;

export interface MkdocsConfig {
  siteName: string;
  siteDescription?: string;
  docsDir: string;
  nav?: RawNav;
  repoUrl?: string;
  editUri?: string;
  /** The line of each page named in `nav`, so a warning about it can point there. */
  navLines: Map<string, number>;
  /** Which file it was read from, relative to the root; undefined when there was none. */
  file?: string;
}

/** Extensions and plugins whose output Greenroom's builder produces itself. */
const SUPPORTED = new Set([
  'techdocs-core', 'search', 'admonition', 'toc', 'tables', 'fenced_code', 'footnotes', 'def_list', 'abbr', 'attr_list',
  'md_in_html', 'meta', 'codehilite', 'extra', 'sane_lists', 'mdx_truly_sane_lists', 'pymdownx.details', 'pymdownx.tabbed',
  'pymdownx.superfences', 'pymdownx.highlight', 'pymdownx.inlinehilite', 'pymdownx.snippets', 'pymdownx.emoji',
  'pymdownx.tasklist', 'pymdownx.tilde', 'pymdownx.extra', 'pymdownx.magiclink', 'pymdownx.betterem', 'gh-admonitions',
]);

/**
 * Reads mkdocs.yml (or mkdocs.yaml). MkDocs files carry Python tags such as
 * `!!python/name:material.extensions.emoji.twemoji` and `!ENV`; they are read as plain values.
 * A missing or broken file is a warning: the site is still built from docs/ with defaults.
 */
export async function readMkdocsConfig(root: string, warnings: BuildWarning[]): Promise<MkdocsConfig> {
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    const text = await readFile(path.join(root, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const lines = new LineCounter();
    const doc = parseDocument(text, { customTags: (tags) => [...tags, ...PYTHON_TAGS], strict: false, prettyErrors: true, lineCounter: lines });
    for (const error of doc.errors) warnings.push({ file: name, line: error.linePos?.[0].line, message: error.message.split('\n')[0] });
    const value = (doc.errors.length ? {} : (doc.toJS() ?? {})) as Record<string, unknown>;
    checkExtensions(doc, lines, name, warnings);
    const text_ = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
    return {
      siteName: text_('site_name') ?? path.basename(root),
      siteDescription: text_('site_description'),
      docsDir: text_('docs_dir') ?? 'docs',
      nav: Array.isArray(value.nav) ? (value.nav as RawNav) : undefined,
      navLines: navLinesOf(doc.get('nav', true), lines),
      repoUrl: text_('repo_url'),
      editUri: text_('edit_uri'),
      file: name,
    };
  }
  warnings.push({ file: 'mkdocs.yml', message: 'no mkdocs.yml: built from docs/ with the defaults' });
  return { siteName: path.basename(root), docsDir: 'docs', navLines: new Map() };
}

/** MkDocs' Python tags, read as their plain value so the rest of the file still counts. */
const PYTHON_TAGS = ['!ENV', 'tag:yaml.org,2002:python/name', 'tag:yaml.org,2002:python/object/apply', '!relative'].map((tag) => ({
  tag,
  resolve: (value: string) => value,
}));

function navLinesOf(node: unknown, lines: LineCounter, found = new Map<string, number>()): Map<string, number> {
  if (isScalar(node) && typeof node.value === 'string' && node.range && !found.has(node.value)) found.set(node.value, lines.linePos(node.range[0]).line);
  else if (isSeq(node)) for (const item of node.items) navLinesOf(item, lines, found);
  else if (isMap(node)) for (const pair of node.items) navLinesOf(pair.value, lines, found);
  return found;
}

/** Each extension or plugin the builder does not provide, in the order of the file. */
function checkExtensions(doc: Document, lines: LineCounter, file: string, warnings: BuildWarning[]) {
  const found: BuildWarning[] = [];
  for (const key of ['markdown_extensions', 'plugins']) {
    const list = doc.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const node = isMap(item) ? item.items[0]?.key : item;
      const name = isScalar(node) ? String(node.value) : undefined;
      if (!name || SUPPORTED.has(name)) continue;
      const line = isScalar(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
      found.push({ file, line, message: `${key === 'plugins' ? 'plugin' : 'Markdown extension'} "${name}" is not supported and was ignored` });
    }
  }
  warnings.push(...found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
}
