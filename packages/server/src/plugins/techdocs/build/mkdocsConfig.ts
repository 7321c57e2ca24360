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
      repoUrl: text_('repo_url'),
      editUri: text_('edit_uri'),
      file: name,
    };
  }
  warnings.push({ file: 'mkdocs.yml', message: 'no mkdocs.yml: built from docs/ with the defaults' });
  return { siteName: path.basename(root), docsDir: 'docs' };
}

/** MkDocs' Python tags, read as their plain value so the rest of the file still counts. */
const PYTHON_TAGS = ['!ENV', 'tag:yaml.org,2002:python/name', 'tag:yaml.org,2002:python/object/apply', '!relative'].map((tag) => ({
  tag,
  resolve: (value: string) => value,
}));

function checkExtensions(doc: Document, lines: LineCounter, file: string, warnings: BuildWarning[]) {
  for (const key of ['markdown_extensions', 'plugins']) {
    const list = doc.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const node = isMap(item) ? item.items[0]?.key : item;
      const name = isScalar(node) ? String(node.value) : undefined;
      if (!name || SUPPORTED.has(name)) continue;
      const line = isScalar(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
      warnings.push({ file, line, message: `${key === 'plugins' ? 'plugin' : 'Markdown extension'} "${name}" is not supported and was ignored` });
    }
  }
}
