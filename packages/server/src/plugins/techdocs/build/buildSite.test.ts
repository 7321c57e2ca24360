import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '.';

/** Writes files (path → content) under a fresh directory and returns it. */
function docsFolder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-docs-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const fileOf = (result: Awaited<ReturnType<typeof buildSite>>, name: string) => String(result.files.find((f) => f.path === name)?.content ?? '');
const metadataOf = (result: Awaited<ReturnType<typeof buildSite>>) => JSON.parse(fileOf(result, 'techdocs_metadata.json'));

describe('buildSite', () => {
  it('builds directory URLs, the nav of mkdocs.yml, previous/next and edit links, metadata and a search index', async () => {
    const root = docsFolder({
      'mkdocs.yml': [
        'site_name: Shop docs',
        'repo_url: https://github.com/acme/shop',
        'nav:',
        '  - Home: index.md',
        '  - Guides:',
        '      - guides/setup.md',
        '  - Status: https://status.example.com',
      ].join('\n'),
      'docs/index.md': '# Welcome\n\nRead [setup](guides/setup.md#install).',
      'docs/guides/setup.md': '# Setting up\n\n## Install\n\nRun it.',
      'docs/images/logo.png': 'png',
    });
    const result = await buildSite(root, { buildTimestamp: 1 });
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toEqual(
      ['guides/setup/index.html', 'images/logo.png', 'index.html', 'search/search_index.json', 'techdocs_metadata.json'].sort(),
    );
    const metadata = metadataOf(result);
    expect(metadata).toMatchObject({ site_name: 'Shop docs', build_timestamp: 1 });
    expect(metadata.nav).toEqual([
      { title: 'Home', path: '' },
      { title: 'Guides', children: [{ title: 'Setting up', path: 'guides/setup/' }] },
      { title: 'Status', url: 'https://status.example.com' },
    ]);
    const setup = fileOf(result, 'guides/setup/index.html');
    expect(setup).toContain('<article class="md-content__inner md-typeset">');
    expect(setup).toContain('href="https://github.com/acme/shop/edit/main/docs/guides/setup.md" title="Edit this page"');
    expect(setup).toContain('<a class="md-footer__link md-footer__link--prev" rel="prev" href="../../">Home</a>');
    expect(fileOf(result, 'index.html')).toContain('<a href="guides/setup/#install">setup</a>');
    const search = JSON.parse(fileOf(result, 'search/search_index.json'));
    expect(search.docs).toContainEqual({ location: 'guides/setup/#install', title: 'Install', text: 'Run it.' });
  });

  it('derives the nav from the files when mkdocs.yml has none', async () => {
    const result = await buildSite(docsFolder({ 'mkdocs.yml': 'site_name: x', 'docs/index.md': '# Home', 'docs/b.md': '# B', 'docs/ops/run.md': '# Run' }));
    expect(metadataOf(result).nav).toEqual([
      { title: 'Home', path: '' },
      { title: 'B', path: 'b/' },
      { title: 'Ops', children: [{ title: 'Run', path: 'ops/run/' }] },
    ]);
  });

  it('reports problems with file and line and still builds every page it can', async () => {
    const root = docsFolder({
      'mkdocs.yml': ['site_name: x', 'nav:', '  - gone.md', '  - index.md', 'markdown_extensions:', '  - admonition', '  - plantuml_markdown', 'theme: { name: !!python/name:material.x }'].join('\n'),
      'docs/index.md': '# Home\n\nA [broken](nope.md) link.\n\n--8<-- "../../etc/passwd"\n\n--8<-- "missing.md"',
    });
    const result = await buildSite(root);
    expect(result.pageCount).toBe(1);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { file: 'mkdocs.yml', line: 7, message: 'Markdown extension "plantuml_markdown" is not supported and was ignored' },
        { file: 'mkdocs.yml', line: 3, message: 'nav: "gone.md" is not a page of the documentation' },
        { file: 'docs/index.md', line: 3, message: 'link to a missing page: nope.md' },
        { file: 'docs/index.md', line: 5, message: 'snippet "../../etc/passwd" not included: it points outside the documentation' },
        { file: 'docs/index.md', line: 7, message: 'snippet "missing.md" not included: no such file' },
      ]),
    );
    expect(fileOf(result, 'index.html')).not.toContain('--8<--');
    expect(metadataOf(result).warnings).toHaveLength(result.warnings.length);
  });

  it('includes snippets from the documentation root, nested, but not through a symbolic link out of it', async () => {
    const outside = docsFolder({ 'secret.md': 'TOP SECRET' });
    const root = docsFolder({
      'mkdocs.yml': 'site_name: x',
      'snippets/a.md': 'From A\n--8<-- "snippets/b.md"',
      'snippets/b.md': 'From B',
      'docs/index.md': '# Home\n\n--8<-- "snippets/a.md"\n\n--8<-- "link.md"',
    });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'link.md'));
    const result = await buildSite(root);
    const page = fileOf(result, 'index.html');
    expect(page).toContain('<p>From A\nFrom B</p>');
    expect(page).not.toContain('TOP SECRET');
    expect(result.warnings).toEqual([{ file: 'docs/index.md', line: 5, message: 'snippet "link.md" not included: it points outside the documentation' }]);
  });

  it('builds without mkdocs.yml, saying so', async () => {
    const result = await buildSite(docsFolder({ 'docs/index.md': '# Only page' }));
    expect(result.pageCount).toBe(1);
    expect(result.warnings).toEqual([{ file: 'mkdocs.yml', message: 'no mkdocs.yml: built from docs/ with the defaults' }]);
  });

  it('builds README.md as the only page when docs/ has none', async () => {
    const result = await buildSite(docsFolder({ 'README.md': '# The repository\n\nHello.', 'src/main.ts': 'code' }));
    expect(result.files.map((f) => f.path).sort()).toEqual(['index.html', 'search/search_index.json', 'techdocs_metadata.json']);
    expect(fileOf(result, 'index.html')).toContain('<p>Hello.</p>');
    expect(result.warnings).toContainEqual({ file: 'docs', message: 'no pages in docs/: README.md is the documentation' });
  });

  it('prefers index.md over a README.md in the same folder, saying so', async () => {
    const result = await buildSite(docsFolder({ 'mkdocs.yml': 'site_name: x', 'docs/index.md': '# Index', 'docs/README.md': '# Readme' }));
    expect(result.pageCount).toBe(1);
    expect(fileOf(result, 'index.html')).toContain('Index');
    expect(result.warnings).toEqual([{ file: 'docs/README.md', message: 'ignored: index.md beside it is the page of this folder' }]);
  });

  it('reads mkdocs.yaml with MkDocs\' Python and !ENV tags, a custom docs_dir and site_description', async () => {
    const result = await buildSite(
      docsFolder({
        'mkdocs.yaml': ['site_name: !ENV [SITE_NAME, "Tagged"]', 'site_description: About it', 'docs_dir: pages', 'markdown_extensions:', '  - pymdownx.emoji:', '      emoji_index: !!python/name:material.extensions.emoji.twemoji', '      emoji_generator: !!python/name:material.extensions.emoji.to_svg'].join('\n'),
        'pages/index.md': '# Home',
      }),
    );
    expect(result.warnings).toEqual([]);
    expect(metadataOf(result)).toMatchObject({ site_description: 'About it', nav: [{ title: 'Home', path: '' }] });
  });

  it('warns about unsupported plugins and extensions with their line, but not about the ones it implements', async () => {
    const result = await buildSite(
      docsFolder({
        'mkdocs.yml': ['site_name: x', 'plugins:', '  - techdocs-core', '  - search', '  - monorepo', 'markdown_extensions:', '  - toc:', '      permalink: true', '  - pymdownx.superfences', '  - pymdownx.arithmatex'].join('\n'),
        'docs/index.md': '# Home',
      }),
    );
    expect(result.warnings).toEqual([
      { file: 'mkdocs.yml', line: 5, message: 'plugin "monorepo" is not supported and was ignored' },
      { file: 'mkdocs.yml', line: 10, message: 'Markdown extension "pymdownx.arithmatex" is not supported and was ignored' },
    ]);
  });

  it('makes edit links from repo_url: GitHub and GitLab defaults, an explicit edit_uri, none for other hosts', async () => {
    const editLink = async (config: string) => {
      const page = fileOf(await buildSite(docsFolder({ 'mkdocs.yml': `site_name: x\n${config}`, 'docs/guide.md': '# G' })), 'guide/index.html');
      return /<a class="md-content__button md-icon" href="([^"]+)" title="Edit this page">/.exec(page)?.[1];
    };
    expect(await editLink('repo_url: https://gitlab.example.com/acme/shop')).toBe('https://gitlab.example.com/acme/shop/-/edit/main/docs/guide.md');
    expect(await editLink('repo_url: https://github.com/acme/shop/\nedit_uri: blob/trunk/site/docs')).toBe('https://github.com/acme/shop/blob/trunk/site/docs/guide.md');
    expect(await editLink('repo_url: https://git.example.com/shop')).toBeUndefined();
    expect(await editLink("repo_url: https://github.com/acme/shop\nedit_uri: ''")).toBeUndefined();
  });

  it('titles pages without a heading by their file name and orders the derived nav index first', async () => {
    const result = await buildSite(docsFolder({ 'mkdocs.yml': 'site_name: x', 'docs/getting-started.md': 'No heading', 'docs/index.md': 'Home text', 'docs/ops/index.md': '# Ops home', 'docs/ops/a.md': '# A' }));
    expect(metadataOf(result).nav).toEqual([
      { title: 'Home', path: '' },
      { title: 'Getting started', path: 'getting-started/' },
      { title: 'Ops', children: [{ title: 'Ops home', path: 'ops/' }, { title: 'A', path: 'ops/a/' }] },
    ]);
  });

  it('indexes every page and every section for search, without the permalink sign', async () => {
    const result = await buildSite(docsFolder({ 'mkdocs.yml': 'site_name: x', 'docs/index.md': '# Home\n\nIntro.\n\n## First\n\nOne & two.\n\n### Deeper\n\nThree.' }));
    const search = JSON.parse(fileOf(result, 'search/search_index.json'));
    expect(search.config.lang).toEqual(['en']);
    expect(search.docs).toEqual([
      { location: '', title: 'Home', text: 'Home Intro. First One & two. Deeper Three.' },
      { location: '#home', title: 'Home', text: 'Intro.' },
      { location: '#first', title: 'First', text: 'One & two.' },
      { location: '#deeper', title: 'Deeper', text: 'Three.' },
    ]);
  });

  it('writes standalone pages with the site navigation, the page contents and sanitised content', async () => {
    const result = await buildSite(docsFolder({ 'mkdocs.yml': 'site_name: Shop', 'docs/index.md': '# Home\n\n## Part\n\n<script>alert(1)</script>', 'docs/b.md': '# B' }));
    const page = fileOf(result, 'index.html');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>Home - Shop</title>');
    expect(page).toMatch(/<nav class="md-nav md-nav--primary"[^>]*>.*<a class="md-nav__link md-nav__link--active" aria-current="page" data-path="" href="\.\/">Home<\/a>.*<a class="md-nav__link" data-path="b\/" href="b\/">B<\/a>/);
    expect(page).toMatch(/<nav class="md-nav md-nav--secondary"[^>]*><ul class="md-nav__list"><li[^>]*><a class="md-nav__link" href="#part">Part<\/a>/);
    expect(page).not.toContain('<script>alert');
  });

  const examples = path.resolve(import.meta.dirname, '../../../../../../examples/docs');
  it.each([
    ['payments-service', 4],
    ['storefront-web', 7],
    ['design-system', 4],
    ['event-bus-client', 2],
  ])('renders the demo documentation of %s completely: no warnings, nothing left raw', async (name, pages) => {
    const result = await buildSite(path.join(examples, name));
    expect(result.warnings).toEqual([]);
    expect(result.pageCount).toBe(pages);
    for (const file of result.files.filter((f) => f.path.endsWith('.html'))) {
      const article = /<article[\s\S]*<\/article>/.exec(String(file.content))![0];
      expect(article, file.path).not.toMatch(/!!!|\?\?\?|===|--8<--|\[![A-Z]+\]|\[[ x]\] /);
    }
  });

  it('renders the demo page the browser test reads: a link to another page\'s heading, an admonition, tabs and highlighted code', async () => {
    const result = await buildSite(path.join(examples, 'payments-service'));
    expect(fileOf(result, 'index.html')).toContain('<a href="getting-started/#run-it-locally">Getting started</a>');
    expect(fileOf(result, 'index.html')).toContain('<p class="admonition-title">Who owns this</p>');
    const start = fileOf(result, 'getting-started/index.html');
    expect(start).toContain('<h2 id="run-it-locally">');
    expect(start).toContain('<td><code>CAPTURE_BATCH</code></td>');
    expect(start).toMatch(/class="tabbed-set tabbed-alternate"[\s\S]*<label for="__tabbed_1_2">Gradle<\/label>/);
    expect(start).toContain('<span class="filename">CaptureJob.java</span>');
  });
});
