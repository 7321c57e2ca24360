import type { Entity } from '@greenroom/model';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import DocsReaderRedirect from './DocsReaderRedirect';
import EntityDocsTab from './EntityDocsTab';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});
const shop = entity('shop', { 'backstage.io/techdocs-ref': 'dir:.' });

const page = (title: string, body: string, footer = '') => `<!doctype html><html><head><title>${title}</title></head><body>
<nav class="md-nav md-nav--primary"><a href="../../">Home</a></nav>
<article class="md-content__inner md-typeset">
<a class="md-content__button md-icon" href="https://git.example.com/shop/edit/main/docs/guides/setup.md" title="Edit this page">Edit</a>
<h1 id="top">${title}<a class="headerlink" href="#top">¶</a></h1>
${body}
</article>${footer}</body></html>`;

const pages: Record<string, string> = {
  'guides/setup/': page(
    'Setting up',
    `<p>Read <a href="../run/#start">how to run it</a>.</p>
<script>window.__docsXss = true</script>
<img src="../../images/logo.png" alt="logo" onerror="window.__docsXss = true">
<h2 id="install">Install<a class="headerlink" href="#install">¶</a></h2><p>Steps.</p>
<h3 id="on-linux">On Linux<a class="headerlink" href="#on-linux">¶</a></h3>`,
    `<footer><a class="md-footer__link md-footer__link--prev" href="../../">Home</a><a class="md-footer__link md-footer__link--next" href="../run/">Running</a></footer>`,
  ),
  'guides/run/': page('Running', '<h2 id="start">Start<a class="headerlink" href="#start">¶</a></h2>'),
};

const metadata = {
  site_name: 'Shop docs',
  nav: [
    { title: 'Home', path: '' },
    {
      title: 'Guides',
      children: [
        { title: 'Setting up', path: 'guides/setup/' },
        { title: 'Running', path: 'guides/run/' },
      ],
    },
    { title: 'Source', url: 'https://git.example.com/shop' },
  ],
};

/** The API, with built pages served as HTML (mockApi answers JSON). */
function mockDocs(status: object, site = 'default/component/shop') {
  const { calls } = mockApi({
    [`GET /api/techdocs/status/${site}`]: status,
    [`GET /api/techdocs/metadata/techdocs/${site}`]: metadata,
  });
  const json = globalThis.fetch;
  const staticPrefix = `/api/techdocs/static/docs/${site}/`;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (!url.pathname.startsWith(staticPrefix)) return json(input, init);
    calls.push({ method: 'GET', url, headers: new Headers() });
    const html = pages[url.pathname.slice(staticPrefix.length).replace(/index\.html$/, '')];
    return html ? new Response(html, { headers: { 'content-type': 'text/html' } }) : new Response('{}', { status: 404 });
  }) as typeof fetch;
  return calls;
}

const built = {
  state: 'built',
  builtAt: '2026-11-20T10:00:00.000Z',
  warnings: [{ file: 'docs/guides/setup.md', line: 7, message: 'link to missing page "old.md"' }],
};
const route = '/catalog/:namespace/:kind/:name/docs/*';

describe('EntityDocsTab', () => {
  // jsdom lays nothing out; record which element the reader scrolls to.
  const scrolledTo: string[] = [];
  beforeEach(() => {
    scrolledTo.length = 0;
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolledTo.push(this.id);
    });
  });
  afterEach(() => {
    delete (window as { __docsXss?: boolean }).__docsXss;
  });

  it('shows the site navigation with the current page, the page, its contents, neighbours, edit link and warnings', async () => {
    mockDocs(built);
    renderWithApp(<EntityDocsTab entity={shop} />, { url: '/catalog/default/component/shop/docs/guides/setup/', path: route });

    expect(await screen.findByRole('heading', { level: 1, name: /Setting up/ })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Documentation' });
    expect(within(nav).getByText('Shop docs')).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Setting up' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Running' })).toHaveAttribute('href', '/catalog/default/component/shop/docs/guides/run/');
    expect(within(nav).getByRole('link', { name: 'Source ↗' })).toHaveAttribute('href', 'https://git.example.com/shop');

    const toc = screen.getByRole('navigation', { name: 'On this page' });
    expect(
      within(toc)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Install', '/catalog/default/component/shop/docs/guides/setup/#install'],
      ['On Linux', '/catalog/default/component/shop/docs/guides/setup/#on-linux'],
    ]);
    expect(screen.getByRole('link', { name: '← Home' })).toHaveAttribute('href', '/catalog/default/component/shop/docs/');
    expect(screen.getByRole('link', { name: 'Running →' })).toHaveAttribute('href', '/catalog/default/component/shop/docs/guides/run/');
    expect(screen.getByRole('link', { name: /Edit this page/ })).toHaveAttribute(
      'href',
      'https://git.example.com/shop/edit/main/docs/guides/setup.md',
    );
    expect(screen.getByText(/^Built /)).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Build warnings' })).getByRole('listitem')).toHaveTextContent(
      'docs/guides/setup.md:7 link to missing page "old.md"',
    );
  });

  it('never inserts or runs a script of the served page, and points images at the static files', async () => {
    mockDocs(built);
    const { container } = renderWithApp(<EntityDocsTab entity={shop} />, {
      url: '/catalog/default/component/shop/docs/guides/setup/',
      path: route,
    });
    await screen.findByRole('heading', { level: 1, name: /Setting up/ });
    const article = container.querySelector('.greenroom-docs')!;
    expect(article.querySelector('script')).toBeNull();
    expect(article.innerHTML).not.toMatch(/onerror|__docsXss/);
    expect(article.querySelector('img')).toHaveAttribute('src', '/api/techdocs/static/docs/default/component/shop/images/logo.png');
    expect((window as { __docsXss?: boolean }).__docsXss).toBeUndefined();
  });

  it('keeps links between pages in the portal: a click navigates without leaving the app', async () => {
    const calls = mockDocs(built);
    const { location } = renderWithApp(<EntityDocsTab entity={shop} />, {
      url: '/catalog/default/component/shop/docs/guides/setup/',
      path: route,
    });
    const link = await screen.findByRole('link', { name: 'how to run it' });
    expect(link).toHaveAttribute('href', '/catalog/default/component/shop/docs/guides/run/#start');

    await userEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: /Running/ })).toBeInTheDocument();
    expect(location().pathname).toBe('/catalog/default/component/shop/docs/guides/run/');
    // …and scrolls to the heading the link names.
    expect(scrolledTo).toContain('start');
    expect(calls.some((c) => c.url.pathname.endsWith('/guides/run/index.html'))).toBe(true);
  });

  it('says when the docs are not built yet, being built, or failed', async () => {
    mockDocs({ state: 'none', warnings: [] });
    const first = renderWithApp(<EntityDocsTab entity={shop} />, { url: '/catalog/default/component/shop/docs/', path: route });
    expect(await screen.findByText(/has not been built yet/)).toBeInTheDocument();
    first.unmount();

    mockDocs({ state: 'building', warnings: [] });
    const second = renderWithApp(<EntityDocsTab entity={shop} />, { url: '/catalog/default/component/shop/docs/', path: route });
    expect(await screen.findByText(/is being built/)).toBeInTheDocument();
    second.unmount();

    mockDocs({ state: 'failed', warnings: [], error: 'mkdocs.yml: not YAML' });
    renderWithApp(<EntityDocsTab entity={shop} />, { url: '/catalog/default/component/shop/docs/', path: route });
    expect(await screen.findByText('The documentation could not be built: mkdocs.yml: not YAML')).toBeInTheDocument();
  });

  it('shows the documentation of the entity backstage.io/techdocs-entity names', async () => {
    const calls = mockDocs(built);
    const worker = entity('shop-worker', { 'backstage.io/techdocs-entity': 'component:default/shop' });
    renderWithApp(<EntityDocsTab entity={worker} />, { url: '/catalog/default/component/shop-worker/docs/guides/setup/', path: route });
    expect(await screen.findByRole('heading', { level: 1, name: /Setting up/ })).toBeInTheDocument();
    // Links stay on the page the reader is on.
    expect(screen.getByRole('link', { name: 'how to run it' })).toHaveAttribute(
      'href',
      '/catalog/default/component/shop-worker/docs/guides/run/#start',
    );
    expect(calls.every((c) => !c.url.pathname.includes('shop-worker'))).toBe(true);
  });
});

describe('DocsReaderRedirect', () => {
  it('opens Backstage reader addresses in the Docs tab, at the same page and heading', async () => {
    mockApi({});
    const { location } = renderWithApp(<DocsReaderRedirect />, {
      url: '/docs/default/component/shop/guides/setup/#install',
      path: '/docs/:namespace/:kind/:name/*',
    });
    expect(location().pathname).toBe('/catalog/default/component/shop/docs/guides/setup/');
  });
});
