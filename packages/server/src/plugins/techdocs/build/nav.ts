import path from 'node:path/posix';
import type { RawNav } from './mkdocsConfig';
import type { BuildWarning } from './warnings';

/** A navigation entry of the built site: a page (its URL), an external link, or a section. */
export interface NavNode {
  title: string;
  path?: string;
  url?: string;
  children?: NavNode[];
}

interface PageInfo {
  url: string;
  title: string;
}

/** The nav of mkdocs.yml, with titles from the pages where it gives none; unknown pages are reported. */
export interface NavSource {
  file: string;
  /** The line of each page named in the nav. */
  lines: Map<string, number>;
}

export function navFromConfig(raw: RawNav, pages: Map<string, PageInfo>, config: NavSource, warnings: BuildWarning[]): NavNode[] {
  const nodes: NavNode[] = [];
  for (const entry of raw) {
    if (typeof entry === 'string') {
      const node = pageNode(entry, undefined, pages, config, warnings);
      if (node) nodes.push(node);
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    for (const [title, target] of Object.entries(entry)) {
      if (Array.isArray(target)) nodes.push({ title, children: navFromConfig(target, pages, config, warnings) });
      else if (typeof target === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(target)) {
        if (/^(https?|mailto):/i.test(target)) nodes.push({ title, url: target });
        else warnings.push({ file: config.file, line: config.lines.get(target), message: `nav: "${title}" links to ${target.split(':')[0]}:, which only http(s) and mailto may` });
      }
      else if (typeof target === 'string') {
        const node = pageNode(target, title, pages, config, warnings);
        if (node) nodes.push(node);
      }
    }
  }
  return nodes;
}

function pageNode(source: string, title: string | undefined, pages: Map<string, PageInfo>, config: NavSource, warnings: BuildWarning[]) {
  const page = pages.get(path.normalize(source));
  if (!page) {
    warnings.push({ file: config.file, line: config.lines.get(source), message: `nav: "${source}" is not a page of the documentation` });
    return undefined;
  }
  return { title: title ?? page.title, path: page.url };
}

/** Without a nav in mkdocs.yml: the index first, then pages by name, each folder a section. */
export function navFromFiles(pages: Map<string, PageInfo>): NavNode[] {
  const root: NavNode = { title: '', children: [] };
  const sources = [...pages.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const source of sources) {
    const parts = source.split('/');
    let parent = root;
    for (const folder of parts.slice(0, -1)) {
      const title = folder.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
      let section = parent.children!.find((n) => n.children && n.title === title);
      if (!section) parent.children!.push((section = { title, children: [] }));
      parent = section;
    }
    const page = pages.get(source)!;
    parent.children!.push({ title: page.title, path: page.url });
  }
  return root.children!;
}

const rank = (source: string) => (/^(index|readme)\.md$/i.test(path.basename(source)) ? source.split('/').length - 1 : source.split('/').length);

/** Page URLs in reading order, for previous and next links. */
export function readingOrder(nav: NavNode[]): Array<{ title: string; path: string }> {
  return nav.flatMap((node) => [...(node.path !== undefined ? [{ title: node.title, path: node.path }] : []), ...readingOrder(node.children ?? [])]);
}
