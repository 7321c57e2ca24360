import { describe, expect, it } from 'vitest';
import { readPage } from './readerPage';

const built = `<!doctype html><html><head><title>Setup - Shop</title></head><body>
<nav class="md-nav md-nav--primary"><a href="../">Home</a></nav>
<article class="md-content__inner md-typeset">
<a class="md-content__button md-icon" href="https://github.com/acme/shop/edit/main/docs/guides/setup.md" title="Edit this page">Edit this page</a>
<h1 id="setting-up">Setting up<a class="headerlink" href="#setting-up">¶</a></h1>
<p>See <a href="../../">home</a>, <a href="../run/#start">running</a>, <a href="#install">below</a> and <a href="https://example.com">out</a>.</p>
<p><img src="../../images/logo.png" alt="logo" onerror="window.__xss=1"><a href="javascript:alert(1)">bad</a></p>
<script>window.__xss = 2</script>
<h2 id="install">Install<a class="headerlink" href="#install">¶</a></h2>
<h3 id="linux">On Linux</h3>
</article>
<footer class="md-footer"><a class="md-footer__link md-footer__link--prev" rel="prev" href="../../">Home</a><a class="md-footer__link md-footer__link--next" rel="next" href="../run/">Running</a></footer>
</body></html>`;

describe('readPage', () => {
  const page = readPage(
    built,
    'guides/setup/',
    '/catalog/default/component/shop/docs/',
    '/api/techdocs/static/docs/default/component/shop/',
  );
  const dom = new DOMParser().parseFromString(page.html, 'text/html');
  const hrefs = [...dom.querySelectorAll('a')].map((a) => a.getAttribute('href'));

  it('takes the article, its title, contents, edit link and neighbours', () => {
    expect(page.title).toBe('Setting up');
    expect(page.toc).toEqual([
      { id: 'install', title: 'Install', level: 2 },
      { id: 'linux', title: 'On Linux', level: 3 },
    ]);
    expect(page.editUrl).toBe('https://github.com/acme/shop/edit/main/docs/guides/setup.md');
    expect(page.previous).toEqual({ title: 'Home', page: '' });
    expect(page.next).toEqual({ title: 'Running', page: 'guides/run/' });
    expect(dom.querySelector('.md-content__button')).toBeNull();
  });

  it('points links between pages at the reader and images at the static files', () => {
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/catalog/default/component/shop/docs/',
        '/catalog/default/component/shop/docs/guides/run/#start',
        '#install',
        'https://example.com',
      ]),
    );
    expect(dom.querySelector('img')!.getAttribute('src')).toBe('/api/techdocs/static/docs/default/component/shop/images/logo.png');
    expect(dom.querySelector('a[href="https://example.com"]')!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('drops anything that could run, even if the server let it through', () => {
    expect(page.html).not.toMatch(/<script|onerror|javascript:/);
  });
});
