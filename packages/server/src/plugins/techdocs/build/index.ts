import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { createRenderer, type Renderer, type TocEntry } from './markdown';
import { pageUrlOf } from './markdown/links';
import { readMkdocsConfig, type MkdocsConfig } from './mkdocsConfig';
import { navFromConfig, navFromFiles, readingOrder, type NavNode } from './nav';
import { renderPage } from './pageTemplate';
import { sanitize } from './sanitize';
import { searchEntries, type SearchEntry } from './searchIndex';
import { includeSnippets, type SnippetContext } from './snippets';
import type { BuildWarning } from './warnings';

export type { BuildWarning, NavNode };

/** A file of the built site: its path relative to the site root ('/'-separated) and content. */
export interface SiteFile {
  path: string;
  content: Buffer | string;
}

export interface BuildResult {
  siteName: string;
  files: SiteFile[];
  warnings: BuildWarning[];
  pageCount: number;
}

interface RenderedSource {
  source: string;
  url: string;
  title: string;
  html: string;
  toc: TocEntry[];
}

let sharedRenderer: Renderer | undefined;

/**
 * Builds the documentation in `root` (the directory holding mkdocs.yml) into an mkdocs-material
 * shaped site, in memory. Bad content never fails the build: it becomes a warning naming file and
 * line, and every page that can be built is. Throws only when `root` itself cannot be read.
 */
export async function buildSite(root: string, options: { buildTimestamp?: number } = {}): Promise<BuildResult> {
  await stat(root);
  const warnings: BuildWarning[] = [];
  const config = await readMkdocsConfig(root, warnings);
  const docsRoot = path.join(root, config.docsDir);
  const files = await fg('**/*', { cwd: docsRoot, onlyFiles: true, dot: false, followSymbolicLinks: false }).catch(() => [] as string[]);
  if (!files.length) warnings.push({ file: config.docsDir, message: `no documentation: ${config.docsDir}/ is empty or missing` });
  const sources = files.filter((f) => /\.md$/i.test(f)).sort();
  const pageUrls = new Map(sources.map((source) => [source, pageUrlOf(source)]));

  sharedRenderer ??= createRenderer();
  const renderer = sharedRenderer;
  const rendered: RenderedSource[] = [];
  const snippetCache: SnippetContext['cache'] = new Map();
  // Read ahead: rendering is synchronous, so the disk works while the previous page renders.
  const reads = sources.map((source) => readFile(path.join(docsRoot, source), 'utf8').catch((error: Error) => error));
  for (const [index, source] of sources.entries()) {
    const file = path.posix.join(config.docsDir, source);
    const markdown = await reads[index];
    if (markdown instanceof Error) {
      warnings.push({ file, message: `unreadable: ${markdown.message}` });
      continue;
    }
    const expanded = await includeSnippets(markdown, { root, docsDir: config.docsDir, file, cache: snippetCache }, warnings);
    const page = renderer.render(expanded, { source, pageUrls });
    for (const broken of page.broken) warnings.push({ file, line: broken.line, message: `link to a missing page: ${broken.target}` });
    const fallbackTitle = path.basename(source, path.extname(source)).replace(/[-_]+/g, ' ');
    rendered.push({ source, url: pageUrls.get(source)!, title: page.title ?? fallbackTitle, html: sanitize(page.html), toc: page.toc });
  }

  const byPage = new Map(rendered.map((page) => [page.source, { url: page.url, title: page.title }]));
  const nav = config.nav ? navFromConfig(config.nav, byPage, config.file ?? 'mkdocs.yml', warnings) : navFromFiles(byPage);
  const order = readingOrder(nav);
  const site: SiteFile[] = [];
  const search: SearchEntry[] = [];
  for (const page of rendered) {
    const position = order.findIndex((entry) => entry.path === page.url);
    site.push({
      path: `${page.url}index.html`,
      content: renderPage({
        siteName: config.siteName,
        url: page.url,
        title: page.title,
        content: page.html,
        toc: page.toc,
        nav,
        editUrl: editUrlOf(config, page.source),
        previous: position > 0 ? order[position - 1] : undefined,
        next: position >= 0 ? order[position + 1] : undefined,
      }),
    });
    search.push(...searchEntries(page.url, page.title, page.html));
  }
  // As MkDocs does, every other file of docs_dir is part of the site (images, downloads).
  for (const asset of files.filter((f) => !/\.md$/i.test(f))) site.push({ path: asset, content: await readFile(path.join(docsRoot, asset)) });
  site.push({ path: 'search/search_index.json', content: JSON.stringify({ config: { lang: ['en'], separator: '[\\s\\-]+' }, docs: search }) });

  const etag = createHash('sha1');
  for (const file of site) etag.update(file.path).update(file.content);
  site.push({
    path: 'techdocs_metadata.json',
    content: JSON.stringify({
      site_name: config.siteName,
      site_description: config.siteDescription ?? '',
      build_timestamp: options.buildTimestamp ?? Date.now(),
      etag: etag.digest('hex'),
      files: site.map((f) => f.path),
      nav,
      warnings,
    }),
  });
  return { siteName: config.siteName, files: site, warnings, pageCount: rendered.length };
}

/** `repo_url` + `edit_uri` + the page's path; GitHub's and GitLab's default edit path when edit_uri is absent. */
function editUrlOf(config: MkdocsConfig, source: string): string | undefined {
  if (!config.repoUrl || !/^https?:\/\//i.test(config.repoUrl)) return undefined;
  const defaultUri = /github\./.test(config.repoUrl) ? `edit/main/${config.docsDir}/` : /gitlab\./.test(config.repoUrl) ? `-/edit/main/${config.docsDir}/` : undefined;
  const editUri = config.editUri ?? defaultUri;
  if (!editUri) return undefined;
  return `${config.repoUrl.replace(/\/$/, '')}/${editUri.replace(/^\//, '').replace(/\/?$/, '/')}${source}`;
}

/** Writes a built site to a directory (what `greenroom docs build` produces). */
export async function writeSite(result: BuildResult, outDir: string): Promise<void> {
  const targets = result.files.map((file) => path.join(outDir, ...file.path.split('/')));
  for (const dir of new Set(targets.map((target) => path.dirname(target)))) await mkdir(dir, { recursive: true });
  await Promise.all(result.files.map((file, i) => writeFile(targets[i], file.content)));
}
