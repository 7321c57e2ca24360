import { relativeUrl } from './markdown/links';
import type { TocEntry } from './markdown';
import type { NavNode } from './nav';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageView {
  siteName: string;
  url: string;
  title: string;
  /** Sanitised article HTML. */
  content: string;
  toc: TocEntry[];
  nav: NavNode[];
  editUrl?: string;
  previous?: { title: string; path: string };
  next?: { title: string; path: string };
}

/**
 * The site navigation is the same on every page but for the links' relative prefix (which depends
 * only on the page's depth) and the current page's mark: rendered once per depth, then marked.
 */
const navCache = new WeakMap<NavNode[], Map<number, string>>();

function navList(nodes: NavNode[], prefix: string): string {
  const items = nodes.map((node) => {
    if (node.children) return `<li class="md-nav__item md-nav__item--nested"><span class="md-nav__link">${escape(node.title)}</span>${navList(node.children, prefix)}</li>`;
    const href = node.url ?? (prefix + (node.path ?? '') || './');
    return `<li class="md-nav__item"><a class="md-nav__link" data-path="${escape(node.path ?? '')}" href="${escape(href)}">${escape(node.title)}</a></li>`;
  });
  return `<ul class="md-nav__list">${items.join('')}</ul>`;
}

function siteNav(nav: NavNode[], here: string): string {
  const depth = here.split('/').length - 1;
  let byDepth = navCache.get(nav);
  if (!byDepth) navCache.set(nav, (byDepth = new Map()));
  let html = byDepth.get(depth);
  if (html === undefined) byDepth.set(depth, (html = navList(nav, '../'.repeat(depth))));
  const marker = `class="md-nav__link" data-path="${escape(here)}"`;
  return html.replace(marker, `class="md-nav__link md-nav__link--active" aria-current="page" data-path="${escape(here)}"`);
}

/**
 * A built page, shaped like mkdocs-material's: the content in `article.md-content__inner`, the
 * site navigation in `nav.md-nav--primary` and the page's headings in `nav.md-nav--secondary`.
 * The portal's reader takes the article; the rest makes the built folder readable on its own.
 */
export function renderPage(view: PageView): string {
  const toc = view.toc
    .filter((entry) => entry.level > 1)
    .map((entry) => `<li class="md-nav__item" style="margin-left:${(entry.level - 2) * 0.8}rem"><a class="md-nav__link" href="#${escape(entry.id)}">${escape(entry.title)}</a></li>`)
    .join('');
  const edit = view.editUrl ? `<a class="md-content__button md-icon" href="${escape(view.editUrl)}" title="Edit this page">Edit this page</a>\n` : '';
  const link = (page: { title: string; path: string } | undefined, rel: string) =>
    page ? `<a class="md-footer__link md-footer__link--${rel}" rel="${rel}" href="${escape(relativeUrl(view.url, page.path))}">${escape(page.title)}</a>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(view.title)} - ${escape(view.siteName)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="md-container">
<nav class="md-nav md-nav--primary" aria-label="Navigation"><a class="md-nav__title" href="${escape(relativeUrl(view.url, ''))}">${escape(view.siteName)}</a>${siteNav(view.nav, view.url)}</nav>
<main class="md-main"><div class="md-content"><article class="md-content__inner md-typeset">
${edit}${view.content}
</article></div>
<footer class="md-footer">${link(view.previous, 'prev')}${link(view.next, 'next')}</footer></main>
<nav class="md-nav md-nav--secondary" aria-label="Table of contents"><ul class="md-nav__list">${toc}</ul></nav>
</div>
</body>
</html>
`;
}

const STYLE = `body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#222}.md-container{display:flex;gap:2rem;max-width:80rem;margin:auto;padding:1rem}
.md-nav{flex:0 0 14rem;font-size:.9rem}.md-nav__list{list-style:none;padding-left:.8rem}.md-nav__link--active{font-weight:700}.md-main{flex:1;min-width:0}
.admonition,details{border-left:4px solid #448aff;background:#f5f8ff;padding:.2rem 1rem;margin:1rem 0}.admonition-title,summary{font-weight:700}
.warning,.caution,.attention{border-color:#ff9100}.danger,.error,.failure{border-color:#ff1744}.tip,.success{border-color:#00c853}
.highlight pre{background:#f5f5f5;padding:.8rem;overflow:auto}.hll{background:#ffffcc;display:block}.linenos{color:#999;margin-right:1rem;user-select:none}
.tabbed-set{display:flex;flex-wrap:wrap}.tabbed-set>input{display:none}.tabbed-labels{display:flex;gap:1rem;width:100%}.tabbed-labels label{cursor:pointer}
.tabbed-content{width:100%}.tabbed-block{display:none}${[1, 2, 3, 4, 5, 6, 7, 8]
  .map((n) => `.tabbed-set>input:nth-child(${n}):checked~.tabbed-content>.tabbed-block:nth-child(${n}){display:block}`)
  .join('')}.headerlink{margin-left:.4rem;opacity:.3;text-decoration:none}.md-footer{display:flex;justify-content:space-between;margin-top:2rem}`;
