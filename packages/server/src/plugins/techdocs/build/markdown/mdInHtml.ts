import type { Plugin, StateBlock } from './types';

/**
 * Python-Markdown's md_in_html: a block element written on its own line with a `markdown`
 * attribute (`<div markdown>`, `<div class="grid" markdown="1">`) holds Markdown, up to its
 * closing tag, even without the blank lines CommonMark would need. The attribute is dropped.
 */
const OPEN = /^<(div|section|article|aside|details|figure|blockquote)\b([^>]*?)\s+markdown(?:="(?:1|block)")?([^>]*)>\s*$/i;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

function mdInHtmlRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4 || state.src.charCodeAt(state.bMarks[startLine] + state.tShift[startLine]) !== 0x3c /* < */) return false;
  const open = OPEN.exec(lineText(state, startLine));
  if (!open) return false;
  const tag = open[1].toLowerCase();
  // The closing tag on a line of its own, skipping elements of the same name nested inside.
  let depth = 1;
  let close = startLine + 1;
  for (; close < endLine; close++) {
    const text = lineText(state, close).toLowerCase();
    depth += (text.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length - (text.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;
    if (depth === 0) break;
  }
  if (close >= endLine || lineText(state, close).trim().toLowerCase() !== `</${tag}>`) return false;
  if (silent) return true;
  const before = state.push('html_block', '', 0);
  before.content = `<${open[1]}${open[2]}${open[3]}>\n`;
  before.map = [startLine, startLine + 1];
  // A `<summary>` line of a `<details markdown>` is the title, not the start of an HTML block
  // that would swallow the Markdown up to the next blank line.
  let bodyStart = startLine + 1;
  const summary = bodyStart < close ? /^<summary\b[^>]*>.*<\/summary>\s*$/i.exec(lineText(state, bodyStart)) : null;
  if (summary) {
    before.content += `${summary[0].trim()}\n`;
    bodyStart++;
  }
  const saved = state.lineMax;
  state.lineMax = close;
  state.md.block.tokenize(state, bodyStart, close);
  state.lineMax = saved;
  const after = state.push('html_block', '', 0);
  after.content = `</${open[1]}>\n`;
  state.line = close + 1;
  return true;
}

export const mdInHtmlPlugin: Plugin = (md) => {
  md.block.ruler.before('html_block', 'md_in_html', mdInHtmlRule, { alt: ['paragraph', 'reference', 'blockquote'] });
};
