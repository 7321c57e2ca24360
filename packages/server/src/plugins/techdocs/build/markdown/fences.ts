import hljs from 'highlight.js';
import type { Plugin } from './types';

/**
 * Fenced code as pymdownx.highlight writes it: `div.highlight` around `pre > code` with highlight.js
 * token spans, plus the fence options authors use: `linenums="1"` (inline line numbers),
 * `hl_lines="2 4-5"` (highlighted lines) and `title="file.py"` (a file name above the block).
 * Mermaid diagrams become `pre.mermaid`, drawn by the reader in the browser.
 */

interface FenceOptions {
  lang: string;
  title?: string;
  firstLine?: number;
  highlighted: Set<number>;
}

function parseInfo(info: string): FenceOptions {
  const lang = (/^\s*\{?\s*\.?([\w+#-]*)/.exec(info)?.[1] ?? '').toLowerCase();
  const option = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(info)?.[1];
  const highlighted = new Set<number>();
  for (const part of (option('hl_lines') ?? '').split(/\s+/).filter(Boolean)) {
    const [from, to] = part.split('-').map(Number);
    for (let n = from; n <= (to || from); n++) if (Number.isInteger(n)) highlighted.add(n);
  }
  const linenums = option('linenums');
  return { lang, title: option('title'), firstLine: linenums ? Math.max(1, Number(linenums) || 1) : undefined, highlighted };
}

/** Splits highlighted HTML into lines, closing and reopening the spans a line break falls inside. */
function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  for (const piece of html.split(/(<span[^>]*>|<\/span>|\n)/)) {
    if (piece === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else {
      if (piece.startsWith('<span')) open.push(piece);
      else if (piece === '</span>') open.pop();
      current += piece;
    }
  }
  lines.push(current);
  return lines;
}

export const fencesPlugin: Plugin = (md) => {
  const escape = md.utils.escapeHtml;
  md.renderer.rules.fence = (tokens, i) => {
    const token = tokens[i];
    const options = parseInfo(token.info);
    const code = token.content.replace(/\n$/, '');
    if (options.lang === 'mermaid') return `<pre class="mermaid">${escape(code)}</pre>\n`;
    const language = options.lang && hljs.getLanguage(options.lang) ? options.lang : undefined;
    const highlighted = language ? hljs.highlight(code, { language, ignoreIllegals: true }).value : escape(code);
    const lines = splitLines(highlighted).map((line, n) => {
      const number = options.firstLine === undefined ? '' : `<span class="linenos">${options.firstLine + n}</span>`;
      const body = options.highlighted.has(n + 1) ? `<span class="hll">${line}\n</span>` : `${line}\n`;
      return number + body;
    });
    const title = options.title ? `<span class="filename">${escape(options.title)}</span>` : '';
    const langClass = language ? ` class="language-${language}"` : '';
    return `<div class="highlight">${title}<pre><span></span><code${langClass}>${lines.join('')}</code></pre></div>\n`;
  };
};
