import { describe, expect, it } from 'vitest';
import { createRenderer } from './markdown';
import { sanitize } from './sanitize';

const renderer = createRenderer();
const pageUrls = new Map([
  ['index.md', ''],
  ['guide.md', 'guide/'],
  ['ops/runbook.md', 'ops/runbook/'],
]);
const render = (markdown: string, source = 'index.md') => renderer.render(markdown, { source, pageUrls });
const html = (markdown: string, source?: string) => sanitize(render(markdown, source).html);

describe('TechDocs Markdown', () => {
  it('renders admonitions with mkdocs-material markup, titles, aliases and nested blocks', () => {
    const out = html('!!! warning "Mind **this**"\n    Body\n\n    - a list\n\n!!! tip ""\n    No title\n\n!!! hint\n    Alias');
    expect(out).toContain('<div class="admonition warning">\n<p class="admonition-title">Mind <strong>this</strong></p>\n<p>Body</p>\n<ul>');
    expect(out).toContain('<div class="admonition tip">\n<p>No title</p>');
    expect(out).toContain('<div class="admonition tip">\n<p class="admonition-title">Hint</p>');
    expect(out).not.toContain('!!!');
  });

  it('renders collapsible blocks closed with ??? and open with ???+', () => {
    expect(html('??? note "More"\n    Hidden')).toContain('<details class="note">\n<summary>More</summary>\n<p>Hidden</p>\n</details>');
    expect(html('???+ danger\n    Shown')).toContain('<details class="danger" open>\n<summary>Danger</summary>');
  });

  it('groups consecutive === blocks into one tab set with labels and panels', () => {
    const out = html('=== "One"\n    first\n\n=== "Two"\n    second\n\nafter');
    expect(out).toContain('<div class="tabbed-set tabbed-alternate" data-tabs="1:2">');
    expect(out).toMatch(/<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" \/><input id="__tabbed_1_2"/);
    expect(out).toContain('<div class="tabbed-labels"><label for="__tabbed_1_1">One</label><label for="__tabbed_1_2">Two</label></div>');
    expect(out).toContain('<div class="tabbed-block">\n<p>first</p>\n</div>\n<div class="tabbed-block">\n<p>second</p>');
    expect(out).toMatch(/<\/div>\n<\/div>\n<p>after<\/p>/);
  });

  it('highlights fenced code with line numbers, highlighted lines and a file name, also nested in lists and tabs', () => {
    const out = html('```python title="app.py" linenums="3" hl_lines="2"\nx = 1\nreturn x\n```');
    expect(out).toContain('<div class="highlight"><span class="filename">app.py</span><pre><span></span><code class="language-python">');
    expect(out).toContain('<span class="linenos">3</span>x = <span class="hljs-number">1</span>');
    expect(out).toContain('<span class="linenos">4</span><span class="hll"><span class="hljs-keyword">return</span> x\n</span>');
    const nested = html('1. Step\n\n    ```bash\n    ls -la\n    ```\n\n=== "Tab"\n    ```js\n    let a\n    ```');
    expect(nested).toMatch(/<li>[\s\S]*<div class="highlight"><pre><span><\/span><code class="language-bash"><span class="hljs-built_in">ls<\/span> -la/);
    expect(nested).toMatch(/<div class="tabbed-block">\n<div class="highlight">.*hljs-keyword">let</);
  });

  it('leaves mermaid diagrams as text for the browser to draw', () => {
    expect(html('```mermaid\ngraph TD; A-->B<script>\n```')).toContain('<pre class="mermaid">graph TD; A--&gt;B&lt;script&gt;</pre>');
  });

  it('gives headings unique ids, permalinks and a table of contents, honouring {#id}', () => {
    const page = render('# Title\n\n## Set up\n\n## Set up\n\n### Custom {#mine}');
    expect(page.title).toBe('Title');
    expect(page.toc.map((t) => `${t.level}:${t.id}`)).toEqual(['1:title', '2:set-up', '2:set-up_1', '3:mine']);
    expect(sanitize(page.html)).toContain('<h2 id="set-up">Set up<a class="headerlink" href="#set-up" title="Permanent link">¶</a></h2>');
  });

  it('renders task lists, footnotes, definition lists, abbreviations, strikethrough, tables and emoji', () => {
    const out = html(
      '- [x] done\n- [ ] open\n\nText[^1] ~~old~~ :rocket:\n\n[^1]: The note.\n\nTerm\n:   Meaning\n\n*[API]: Application programming interface\nAn API.\n\n| a | b |\n| - | :-: |\n| 1 | 2 |',
    );
    expect(out).toContain('<ul class="task-list">\n<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked />');
    expect(out).toContain('<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
    expect(out).toContain('<s>old</s> 🚀');
    expect(out).toContain('<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>');
    expect(out).toContain('<abbr title="Application programming interface">API</abbr>');
    expect(out).toContain('<td style="text-align:center">2</td>');
  });

  it('turns GitHub callouts into admonitions', () => {
    expect(html('> [!WARNING]\n> Careful')).toContain('<div class="admonition warning">\n<p class="admonition-title">Warning</p>\n<p>Careful</p>\n</div>');
  });

  it('links pages by their built URLs, reports links to missing pages, and collects images', () => {
    const page = render('See [guide](../guide.md#step) and [missing](nope.md).\n\n![diagram](../img/d.png)', 'ops/runbook.md');
    expect(sanitize(page.html)).toContain('<a href="../../guide/#step">guide</a>');
    expect(page.broken).toEqual([{ target: 'nope.md', line: 1 }]);
    expect([...page.assets]).toEqual(['img/d.png']);
    expect(sanitize(page.html)).toContain('<img src="../../img/d.png" alt="diagram" />');
  });

  it('lets raw HTML format but never run', () => {
    const out = html(
      '<kbd>Ctrl</kbd> <script>alert(1)</script><img src="x.png" onerror="alert(1)"> [x](javascript:alert(1)) <a href="javascript:alert(2)">y</a> <iframe src="https://evil"></iframe> <input type="text" value="v">',
    );
    expect(out).toContain('<kbd>Ctrl</kbd>');
    // The javascript: link is refused by Markdown and stays text; nothing becomes live.
    expect(out).not.toMatch(/<script|onerror|href="javascript|<iframe|type="text"/);
    expect(out).toContain('<a>y</a>');
    expect(out).toContain('<img src="x.png" />');
  });
});
