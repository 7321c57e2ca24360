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
  const { docsDir, files } = await findSources(root, config.docsDir, warnings);
  const docsRoot = path.join(root, docsDir);
  const sources = withoutShadowedReadmes(files.filter((f) => /\.md$/i.test(f)).sort(), docsDir, warnings);
  const pageUrls = new Map(sources.map((source) => [source, pageUrlOf(source)]));

  sharedRenderer ??= createRenderer();
  const renderer = sharedRenderer;
  const rendered: RenderedSource[] = [];
  const snippetCache: SnippetContext['cache'] = new Map();
  // Read ahead: rendering is synchronous, so the disk works while the previous page renders.
  const reads = sources.map((source) => readFile(path.join(docsRoot, source), 'utf8').catch((error: Error) => error));
  for (const [index, source] of sources.entries()) {
    const file = path.posix.join(docsDir, source);
    const markdown = await reads[index];
    if (markdown instanceof Error) {
      warnings.push({ file, message: `unreadable: ${markdown.message}` });
      continue;
    }
    const expanded = await includeSnippets(markdown, { root, docsDir, file, cache: snippetCache }, warnings);
    const page = renderer.render(expanded, { source, pageUrls });
    for (const broken of page.broken) warnings.push({ file, line: broken.line, message: `link to a missing page: ${broken.target}` });
    rendered.push({ source, url: pageUrls.get(source)!, title: page.title ?? titleFromFileName(source), html: sanitize(page.html), toc: page.toc });
  }

  const byPage = new Map(rendered.map((page) => [page.source, { url: page.url, title: page.title }]));
  const nav = config.nav ? navFromConfig(config.nav, byPage, { file: config.file ?? 'mkdocs.yml', lines: config.navLines }, warnings) : navFromFiles(byPage);
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
        editUrl: editUrlOf(config, docsDir, page.source),
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

/**
 * The Markdown files of docs_dir (and every other file there, which the site copies). Without any
 * page there, a README.md beside mkdocs.yml becomes the site's only page, as a repository's
 * front page is often its only documentation.
 */
async function findSources(root: string, docsDir: string, warnings: BuildWarning[]): Promise<{ docsDir: string; files: string[] }> {
  const files = await fg('**/*', { cwd: path.join(root, docsDir), onlyFiles: true, dot: false, followSymbolicLinks: false }).catch(() => [] as string[]);
  if (files.some((f) => /\.md$/i.test(f))) return { docsDir, files };
  const readme = (await fg('README.md', { cwd: root, onlyFiles: true, caseSensitiveMatch: false }))[0];
  if (readme) {
    warnings.push({ file: docsDir, message: `no pages in ${docsDir}/: ${readme} is the documentation` });
    return { docsDir: '.', files: [readme] };
  }
  warnings.push({ file: docsDir, message: `no documentation: ${docsDir}/ is empty or missing` });
  return { docsDir, files };
}

/** index.md and README.md of one folder would both be its page: as MkDocs does, index.md wins. */
function withoutShadowedReadmes(sources: string[], docsDir: string, warnings: BuildWarning[]): string[] {
  const urls = new Set(sources.filter((s) => /(^|\/)index\.md$/i.test(s)).map(pageUrlOf));
  return sources.filter((source) => {
    const shadowed = /(^|\/)readme\.md$/i.test(source) && urls.has(pageUrlOf(source));
    if (shadowed) warnings.push({ file: path.posix.join(docsDir, source), message: 'ignored: index.md beside it is the page of this folder' });
    return !shadowed;
  });
}

/** A page without a `# heading` is titled by its file name, as MkDocs does ('getting-started.md' → 'Getting started'). */
function titleFromFileName(source: string): string {
  const url = pageUrlOf(source);
  const name = url === '' ? 'Home' : path.posix.basename(url).replace(/[-_]+/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `repo_url` + `edit_uri` + the page's path; GitHub's and GitLab's default edit path when edit_uri is absent. */
function editUrlOf(config: MkdocsConfig, docsDir: string, source: string): string | undefined {
  if (!config.repoUrl || !/^https?:\/\//i.test(config.repoUrl)) return undefined;
  const folder = docsDir === '.' ? '' : `${docsDir}/`;
  const defaultUri = /github\./.test(config.repoUrl) ? `edit/main/${folder}` : /gitlab\./.test(config.repoUrl) ? `-/edit/main/${folder}` : undefined;
  const editUri = config.editUri ?? defaultUri;
  if (!editUri) return undefined;
  // edit_uri may be a whole URL of its own (MkDocs allows it) or a path below repo_url.
  const base = /^https?:\/\//i.test(editUri) ? editUri : `${config.repoUrl.replace(/\/$/, '')}/${editUri.replace(/^\//, '')}`;
  return `${base.replace(/\/?$/, '/')}${source}`;
}

/** Writes a built site to a directory (what `greenroom docs build` produces). */
export async function writeSite(result: BuildResult, outDir: string): Promise<void> {
  const targets = result.files.map((file) => path.join(outDir, ...file.path.split('/')));
  for (const dir of new Set(targets.map((target) => path.dirname(target)))) await mkdir(dir, { recursive: true });
  await Promise.all(result.files.map((file, i) => writeFile(targets[i], file.content)));
}
