import DOMPurify from 'dompurify';

export interface ReaderPage {
  /** The article's HTML: sanitised again here, links rewritten to the portal. */
  html: string;
  title: string;
  toc: Array<{ id: string; title: string; level: number }>;
  editUrl?: string;
  previous?: { title: string; page: string };
  next?: { title: string; page: string };
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Reads a built page (mkdocs-material shaped, from Greenroom's builder or MkDocs in CI): takes the
 * article, sanitises it once more (defence in depth: the server sanitised it when building),
 * points links between pages at the portal's reader (`readerBase` + page path) and images at
 * the static files (`staticBase`), and collects the table of contents, edit link and neighbours.
 */
export function readPage(source: string, page: string, readerBase: string, staticBase: string): ReaderPage {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const article = doc.querySelector('article.md-content__inner') ?? doc.body;
  const here = new URL(page, 'https://site.invalid/');
  const resolve = (href: string) => new URL(href, here);
  const pageOf = (url: URL) => url.pathname.replace(/^\//, '').replace(/index\.html$/, '');

  const edit = article.querySelector<HTMLAnchorElement>('a.md-content__button');
  const editUrl = edit?.getAttribute('href') ?? undefined;
  edit?.remove();

  for (const link of article.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = link.getAttribute('href')!;
    if (href.startsWith('#')) continue;
    if (EXTERNAL.test(href)) {
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
      continue;
    }
    const url = resolve(href);
    const isPage = url.pathname.endsWith('/') || url.pathname.endsWith('.html');
    link.setAttribute('href', isPage ? `${readerBase}${pageOf(url)}${url.hash}` : `${staticBase}${url.pathname.slice(1)}`);
    if (isPage) link.setAttribute('data-docs-page', 'true');
  }
  for (const image of article.querySelectorAll<HTMLImageElement>('img[src]')) {
    const src = image.getAttribute('src')!;
    if (!EXTERNAL.test(src)) image.setAttribute('src', `${staticBase}${resolve(src).pathname.slice(1)}`);
  }

  const headingText = (heading: Element) => (heading.textContent ?? '').replace(/¶$/, '').trim();
  const toc = [...article.querySelectorAll('h2[id], h3[id]')].map((h) => ({
    id: h.id,
    title: headingText(h),
    level: Number(h.tagName[1]),
  }));
  const neighbour = (rel: 'prev' | 'next') => {
    const link = doc.querySelector<HTMLAnchorElement>(`.md-footer__link--${rel}`);
    const href = link?.getAttribute('href');
    return link && href && !EXTERNAL.test(href) ? { title: (link.textContent ?? '').trim(), page: pageOf(resolve(href)) } : undefined;
  };
  const heading = article.querySelector('h1');
  return {
    html: DOMPurify.sanitize(article.innerHTML, { ADD_ATTR: ['target', 'data-docs-page'] }),
    title: heading ? headingText(heading) : (doc.title ?? ''),
    toc,
    editUrl,
    previous: neighbour('prev'),
    next: neighbour('next'),
  };
}
