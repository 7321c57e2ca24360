import { describe, expect, it } from 'vitest';
import { createRenderer } from './markdown';
import { sanitize } from './sanitize';

// One test per Markdown feature of issue 4, each against the (sanitised) HTML it must produce.

const renderer = createRenderer();
const pageUrls = new Map([
  ['index.md', ''],
  ['guide.md', 'guide/'],
  ['ops/runbook.md', 'ops/runbook/'],
]);
const render = (markdown: string, source = 'index.md') => renderer.render(markdown, { source, pageUrls });
const html = (markdown: string, source?: string) => sanitize(render(markdown, source).html);

describe('TechDocs Markdown', () => {
  describe('admonitions', () => {
    it('renders a titled admonition with mkdocs-material markup and inline Markdown in the title', () => {
      expect(html('!!! warning "Mind **this**"\n    Body')).toBe(
        '<div class="admonition warning">\n<p class="admonition-title">Mind <strong>this</strong></p>\n<p>Body</p>\n</div>\n',
      );
    });

    it('leaves the title out for "" and titles by the type when none is given', () => {
      expect(html('!!! tip ""\n    No title')).toBe('<div class="admonition tip">\n<p>No title</p>\n</div>\n');
      expect(html('!!! info\n    Typed')).toContain('<p class="admonition-title">Info</p>');
    });

    it('knows every type and resolves the aliases to the type mkdocs-material styles', () => {
      const types = ['note', 'abstract', 'info', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote'];
      for (const type of types) expect(html(`!!! ${type}\n    x`)).toContain(`<div class="admonition ${type}">`);
      const aliases = { summary: 'abstract', tldr: 'abstract', hint: 'tip', important: 'tip', check: 'success', done: 'success', help: 'question', faq: 'question', caution: 'warning', attention: 'warning', fail: 'failure', missing: 'failure', error: 'danger', cite: 'quote' };
      for (const [alias, type] of Object.entries(aliases)) {
        const out = html(`!!! ${alias}\n    x`);
        expect(out, alias).toContain(`<div class="admonition ${type}">`);
        expect(out, alias).toContain(`<p class="admonition-title">${alias.charAt(0).toUpperCase()}${alias.slice(1)}</p>`);
      }
    });

    it('parses the indented body as Markdown: lists, code, nested admonitions and collapsible blocks', () => {
      const out = html(
        '!!! note "Outer"\n    Text\n\n    - one\n    - two\n\n    !!! danger "Inner"\n        Deep\n\n        ```py\n        x = 1\n        ```\n\n    ??? tip "Folded"\n        Hidden\n\nAfter',
      );
      expect(out).toContain('<div class="admonition note">\n<p class="admonition-title">Outer</p>\n<p>Text</p>\n<ul>\n<li>one</li>');
      expect(out).toMatch(/<div class="admonition danger">\n<p class="admonition-title">Inner<\/p>\n<p>Deep<\/p>\n<div class="highlight">[\s\S]*?<\/div>\n<\/div>\n<details class="tip">/);
      expect(out).toMatch(/<summary>Folded<\/summary>\n<p>Hidden<\/p>\n<\/details>\n<\/div>\n<p>After<\/p>/);
      expect(out).not.toMatch(/!!!|\?\?\?/);
    });

    it('renders an admonition inside a list item', () => {
      expect(html('- item\n\n    !!! note\n        In a list')).toMatch(/<li>\n<p>item<\/p>\n<div class="admonition note">\n<p class="admonition-title">Note<\/p>\n<p>In a list<\/p>\n<\/div>\n<\/li>/);
    });
  });

  it('renders collapsible blocks closed with ??? and open with ???+', () => {
    expect(html('??? note "More"\n    Hidden')).toBe('<details class="note">\n<summary>More</summary>\n<p>Hidden</p>\n</details>\n');
    expect(html('???+ danger\n    Shown')).toContain('<details class="danger" open>\n<summary>Danger</summary>');
    expect(html('??? faq "Why?"\n    Because')).toContain('<details class="question">');
  });

  it('groups consecutive === blocks into one pymdownx tab set (alternate style) with labels and panels', () => {
    const out = html('=== "One"\n    first\n\n=== "*Two*"\n    second\n\nafter\n\n=== "Again"\n    third');
    expect(out).toContain(
      '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" /><input id="__tabbed_1_2" name="__tabbed_1" type="radio" />' +
        '<div class="tabbed-labels"><label for="__tabbed_1_1">One</label><label for="__tabbed_1_2"><em>Two</em></label></div>\n<div class="tabbed-content">\n' +
        '<div class="tabbed-block">\n<p>first</p>\n</div>\n<div class="tabbed-block">\n<p>second</p>\n</div>\n</div>\n</div>\n<p>after</p>',
    );
    // A later set gets its own ids, so its radio buttons do not switch the first set.
    expect(out).toContain('<div class="tabbed-set tabbed-alternate" data-tabs="2:1"><input checked="checked" id="__tabbed_2_1" name="__tabbed_2"');
    expect(out).not.toContain('===');
  });

  it('starts a new tab set at ===!', () => {
    expect(html('=== "A"\n    a\n\n===! "B"\n    b').match(/class="tabbed-set/g)).toHaveLength(2);
  });

  describe('code', () => {
    it('highlights fenced code with highlight.js inside div.highlight > pre > code', () => {
      expect(html('```python\nreturn None\n```')).toBe(
        '<div class="highlight"><pre><span></span><code class="language-python"><span class="hljs-keyword">return</span> <span class="hljs-literal">None</span>\n</code></pre></div>\n',
      );
    });

    it('honours linenums, hl_lines and title in the fence info', () => {
      const out = html('```python title="app.py" linenums="3" hl_lines="2"\nx = 1\nreturn x\n```');
      expect(out).toContain('<div class="highlight"><span class="filename">app.py</span><pre><span></span><code class="language-python">');
      expect(out).toContain('<span class="linenos">3</span>x = <span class="hljs-number">1</span>\n');
      expect(out).toContain('<span class="linenos">4</span><span class="hll"><span class="hljs-keyword">return</span> x\n</span>');
    });

    it('keeps a multi-line token highlighted on every line it spans', () => {
      const out = html('```js hl_lines="2"\n/* a\n b */\n```');
      expect(out).toContain('<span class="hljs-comment">/* a</span>\n<span class="hll"><span class="hljs-comment"> b */</span>\n</span>');
    });

    it('escapes code in unknown languages and without one', () => {
      expect(html('```nosuchlang\n<b>x</b>\n```')).toContain('<code>&lt;b&gt;x&lt;/b&gt;\n</code>');
    });

    it('highlights fenced code nested in lists, admonitions and tabs', () => {
      const out = html('1. Step\n\n    ```bash\n    ls -la\n    ```\n\n!!! example\n    ```sql\n    select 1\n    ```\n\n=== "Tab"\n    ```js\n    let a\n    ```');
      expect(out).toMatch(/<li>[\s\S]*<div class="highlight"><pre><span><\/span><code class="language-bash"><span class="hljs-built_in">ls<\/span> -la/);
      expect(out).toMatch(/<div class="admonition example">\n<p class="admonition-title">Example<\/p>\n<div class="highlight">.*hljs-keyword">select</);
      expect(out).toMatch(/<div class="tabbed-block">\n<div class="highlight">.*hljs-keyword">let</);
    });

    it('leaves mermaid diagrams as escaped text for the browser to draw', () => {
      expect(html('```mermaid\ngraph TD; A-->B<script>\n```')).toBe('<pre class="mermaid">graph TD; A--&gt;B&lt;script&gt;</pre>\n');
    });
  });

  describe('headings', () => {
    it('gives headings Python-Markdown toc ids, de-duplicated with _1, _2, and a permalink', () => {
      const page = render('# Title\n\n## Set up: the *app*!\n\n## Set up: the app\n\n## Set up: the app');
      expect(page.toc.map((t) => `${t.level}:${t.id}`)).toEqual(['1:title', '2:set-up-the-app', '2:set-up-the-app_1', '2:set-up-the-app_2']);
      expect(sanitize(page.html)).toContain('<h2 id="set-up-the-app">Set up: the <em>app</em>!<a class="headerlink" href="#set-up-the-app" title="Permanent link">¶</a></h2>');
    });

    it('takes the page title from the first level-one heading', () => {
      expect(render('Intro\n\n# Real title\n\n# Second').title).toBe('Real title');
      expect(render('## Only a section').title).toBeUndefined();
    });
  });

  it('applies attr_list ids and classes to headings and links', () => {
    const out = html('## Custom {#mine .big}\n\n[Guide](guide.md){.md-button} [Out](https://example.com){target=_blank}');
    expect(out).toContain('<h2 id="mine" class="big">Custom<a class="headerlink" href="#mine"');
    expect(out).toContain('<a href="guide/" class="md-button">Guide</a>');
    expect(out).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">Out</a>');
  });

  it('renders task lists with pymdownx.tasklist checkbox markup', () => {
    expect(html('- [x] done\n- [ ] open')).toBe(
      '<ul class="task-list">\n' +
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked /><span class="task-list-indicator"></span></label> done</li>\n' +
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled /><span class="task-list-indicator"></span></label> open</li>\n</ul>\n',
    );
  });

  it('renders GFM tables with column alignment', () => {
    expect(html('| a | b |\n| - | :-: |\n| 1 | 2 |')).toContain('<thead>\n<tr>\n<th>a</th>\n<th style="text-align:center">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td style="text-align:center">2</td>');
  });

  it('renders strikethrough', () => {
    expect(html('~~old~~ new')).toBe('<p><s>old</s> new</p>\n');
  });

  it('links bare URLs and www. addresses, but not file names', () => {
    expect(html('See https://example.com/a, www.example.org. and index.md')).toBe(
      '<p>See <a href="https://example.com/a">https://example.com/a</a>, <a href="https://www.example.org">www.example.org</a>. and index.md</p>\n',
    );
  });

  it('renders footnotes', () => {
    const out = html('Text[^1].\n\n[^1]: The note.');
    expect(out).toContain('<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
    expect(out).toMatch(/<section class="footnotes">[\s\S]*<li id="fn1" class="footnote-item"><p>The note\./);
  });

  it('renders definition lists', () => {
    expect(html('Term\n:   Meaning')).toBe('<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>\n');
  });

  it('renders abbreviations', () => {
    expect(html('*[API]: Application programming interface\nAn API.')).toBe('<p>An <abbr title="Application programming interface">API</abbr>.</p>\n');
  });

  it('renders emoji shortcodes, and keeps icon shortcodes as marked text', () => {
    expect(html(':rocket: :material-check:')).toBe('<p>🚀 <span class="twemoji icon-shortcode" title="material-check">:material-check:</span></p>\n');
  });

  it('turns GitHub callouts into admonitions and leaves plain quotes alone', () => {
    expect(html('> [!WARNING]\n> Careful')).toBe('<div class="admonition warning">\n<p class="admonition-title">Warning</p>\n<p>Careful</p>\n</div>\n');
    expect(html('> [!IMPORTANT]\n> Read')).toContain('<div class="admonition info">');
    expect(html('> Just a quote')).toBe('<blockquote>\n<p>Just a quote</p>\n</blockquote>\n');
  });

  it('renders Markdown inside block HTML marked with the markdown attribute (md_in_html)', () => {
    expect(html('<div class="grid" markdown>\n**bold**\n- item\n</div>\n\nafter')).toBe('<div class="grid">\n<p><strong>bold</strong></p>\n<ul>\n<li>item</li>\n</ul>\n</div>\n<p>after</p>\n');
    expect(html('<details markdown>\n<summary>More</summary>\n- item\n</details>')).toBe('<details>\n<summary>More</summary>\n<ul>\n<li>item</li>\n</ul>\n</details>\n');
  });

  describe('links', () => {
    it('rewrites links between pages to directory URLs, keeping the anchor', () => {
      expect(html('[guide](../guide.md#step) [home](../index.md) [self](#here)', 'ops/runbook.md')).toBe(
        '<p><a href="../../guide/#step">guide</a> <a href="../../">home</a> <a href="#here">self</a></p>\n',
      );
    });

    it('reports links to missing pages with their line', () => {
      expect(render('Fine.\n\nSee [missing](nope.md#x).', 'ops/runbook.md').broken).toEqual([{ target: 'nope.md#x', line: 3 }]);
    });

    it('keeps images beside the page and records them as assets', () => {
      const page = render('![diagram](../img/d.png)', 'ops/runbook.md');
      expect([...page.assets]).toEqual(['img/d.png']);
      expect(sanitize(page.html)).toContain('<img src="../../img/d.png" alt="diagram" />');
    });
  });

  describe('sanitising', () => {
    it('removes script, style, frames and event handlers from raw HTML', () => {
      const out = html('<script>alert(1)</script><style>p{}</style><img src="x.png" onerror="alert(1)"><iframe src="https://evil"></iframe><svg onload="alert(1)"></svg><div onclick="x()">d</div>');
      expect(out).not.toMatch(/<script|<style|onerror|onload|onclick|<iframe|<svg|alert/);
      expect(out).toContain('<img src="x.png" />');
    });

    it('refuses javascript: and data: URLs, in Markdown and in HTML', () => {
      const out = html('[x](javascript:alert(1)) <a href="javascript:alert(2)">y</a> <a href="JaVaScRiPt:alert(3)">z</a> <img src="data:text/html;base64,PHNjcmlwdD4=">');
      expect(out).not.toMatch(/href="javascript|href="JaVaScRiPt|src="data:/i);
      expect(out).toContain('<a>y</a>');
    });

    it('lets raw HTML format: kbd, details, line breaks; no other inputs than check boxes and tab switches', () => {
      const out = html('<kbd>Ctrl</kbd><br><details><summary>More</summary>Text</details><input type="text" value="v"><input type="checkbox" disabled>');
      expect(out).toContain('<kbd>Ctrl</kbd><br />');
      expect(out).toContain('<details><summary>More</summary>Text</details>');
      expect(out).not.toContain('type="text"');
      expect(out).toContain('<input type="checkbox" disabled />');
    });
  });
});
