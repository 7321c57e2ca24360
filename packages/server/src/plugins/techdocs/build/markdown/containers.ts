import type { Plugin, StateBlock } from './types';

/**
 * The indented blocks of Python-Markdown and pymdownx that documentation written for TechDocs uses:
 * admonitions (`!!! note "Title"`), collapsible blocks (`??? note`, `???+ note`) and content tabs
 * (`=== "Tab"`). Their body is every following line indented by four spaces (blank lines included),
 * parsed as Markdown in its own right, so code fences, lists and further blocks nest.
 */

/** Python-Markdown's aliases resolve to the type mkdocs-material styles. */
const ALIASES: Record<string, string> = {
  summary: 'abstract',
  tldr: 'abstract',
  hint: 'tip',
  important: 'tip',
  check: 'success',
  done: 'success',
  help: 'question',
  faq: 'question',
  caution: 'warning',
  attention: 'warning',
  fail: 'failure',
  missing: 'failure',
  error: 'danger',
  cite: 'quote',
};

/** Renders a title's inline Markdown; set by the renderer in env. */
type InlineEnv = { inline?: (markdown: string) => string };

const HEADER = /^(!!!|\?\?\?\+?)\s+([\w-]+)((?:\s+[\w-]+)*)(?:\s+"(.*)")?\s*$/;
const TAB_HEADER = /^===(!)?\s+"(.*)"\s*$/;

type Header = {
  kind: 'admonition' | 'details';
  open: boolean;
  classes: string[];
  title: string | undefined;
};

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** The line after the block's body: blank lines and lines indented four or more past the block. */
function bodyEnd(state: StateBlock, start: number, endLine: number): number {
  let next = start + 1;
  let last = next;
  while (next < endLine) {
    if (state.isEmpty(next)) {
      next++;
      continue;
    }
    if (state.sCount[next] - state.blkIndent < 4) break;
    next++;
    last = next;
  }
  return last;
}

/** Parses lines [from, to) as Markdown nested four spaces deeper. */
function parseBody(state: StateBlock, from: number, to: number, parent: string) {
  const saved = { indent: state.blkIndent, parent: state.parentType, lineMax: state.lineMax };
  state.blkIndent += 4;
  state.parentType = parent as StateBlock['parentType'];
  state.lineMax = to;
  state.md.block.tokenize(state, from, to);
  state.blkIndent = saved.indent;
  state.parentType = saved.parent;
  state.lineMax = saved.lineMax;
}

function parseHeader(text: string): Header | undefined {
  const match = HEADER.exec(text);
  if (!match) return undefined;
  const type = match[2].toLowerCase();
  const extra = match[3].trim().split(/\s+/).filter(Boolean);
  const title = match[4];
  return {
    kind: match[1] === '!!!' ? 'admonition' : 'details',
    open: match[1] === '???+',
    classes: [ALIASES[type] ?? type, ...extra],
    title: title === undefined ? type.charAt(0).toUpperCase() + type.slice(1) : title,
  };
}

/** The first character of a line, looked at before any slicing: these rules run on every block. */
const firstChar = (state: StateBlock, line: number) => state.src.charCodeAt(state.bMarks[line] + state.tShift[line]);

function admonitionRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = firstChar(state, startLine);
  if (first !== 0x21 /* ! */ && first !== 0x3f /* ? */) return false;
  const header = parseHeader(lineText(state, startLine));
  if (!header) return false;
  if (silent) return true;
  const end = bodyEnd(state, startLine, endLine);
  const open = state.push(`${header.kind}_open`, header.kind === 'admonition' ? 'div' : 'details', 1);
  open.block = true;
  open.map = [startLine, end];
  open.meta = header;
  parseBody(state, startLine + 1, end, header.kind);
  state.push(`${header.kind}_close`, header.kind === 'admonition' ? 'div' : 'details', -1).block = true;
  state.line = end;
  return true;
}

/** Consecutive `===` blocks form one tab set; `===!` starts a new set. */
function tabsRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4 || firstChar(state, startLine) !== 0x3d /* = */) return false;
  if (!TAB_HEADER.exec(lineText(state, startLine))) return false;
  if (silent) return true;
  const labels: string[] = [];
  const open = state.push('tabbed_set_open', 'div', 1);
  open.block = true;
  let line = startLine;
  while (line < endLine) {
    const match = TAB_HEADER.exec(lineText(state, line));
    if (!match || state.sCount[line] !== state.blkIndent || (match[1] && labels.length > 0)) break;
    labels.push(match[2]);
    const end = bodyEnd(state, line, endLine);
    state.push('tabbed_block_open', 'div', 1).block = true;
    parseBody(state, line + 1, end, 'tabbed');
    state.push('tabbed_block_close', 'div', -1).block = true;
    line = end;
    while (line < endLine && state.isEmpty(line)) line++;
  }
  open.meta = { labels };
  open.map = [startLine, line];
  state.push('tabbed_set_close', 'div', -1).block = true;
  state.line = line;
  return true;
}

export const containersPlugin: Plugin = (md) => {
  const terminates = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };
  md.block.ruler.before('fence', 'admonition', admonitionRule, terminates);
  md.block.ruler.before('fence', 'tabbed', tabsRule, terminates);
  const escape = md.utils.escapeHtml;

  md.renderer.rules.admonition_open = (tokens, i, _options, env) => {
    const { classes, title } = tokens[i].meta as Header;
    const inline = (env as InlineEnv).inline;
    const heading = title ? `<p class="admonition-title">${inline ? inline(title) : escape(title)}</p>\n` : '';
    return `<div class="admonition ${classes.map(escape).join(' ')}">\n${heading}`;
  };
  md.renderer.rules.admonition_close = () => '</div>\n';
  md.renderer.rules.details_open = (tokens, i, _options, env) => {
    const { classes, title, open } = tokens[i].meta as Header;
    const inline = (env as InlineEnv).inline;
    const summary = inline ? inline(title ?? '') : escape(title ?? '');
    return `<details class="${classes.map(escape).join(' ')}"${open ? ' open=""' : ''}>\n<summary>${summary}</summary>\n`;
  };
  md.renderer.rules.details_close = () => '</details>\n';

  md.renderer.rules.tabbed_set_open = (tokens, i, _options, env) => {
    const { labels } = tokens[i].meta as { labels: string[] };
    const counter = env as { tabSets?: number };
    const set = (counter.tabSets = (counter.tabSets ?? 0) + 1);
    const id = (n: number) => `__tabbed_${set}_${n + 1}`;
    const inputs = labels.map((_, n) => `<input${n === 0 ? ' checked="checked"' : ''} id="${id(n)}" name="__tabbed_${set}" type="radio">`);
    const inline = (env as InlineEnv).inline;
    const buttons = labels.map((label, n) => `<label for="${id(n)}">${inline ? inline(label) : escape(label)}</label>`);
    return `<div class="tabbed-set tabbed-alternate" data-tabs="${set}:${labels.length}">${inputs.join('')}<div class="tabbed-labels">${buttons.join('')}</div>\n<div class="tabbed-content">\n`;
  };
  md.renderer.rules.tabbed_set_close = () => '</div>\n</div>\n';
  md.renderer.rules.tabbed_block_open = () => '<div class="tabbed-block">\n';
  md.renderer.rules.tabbed_block_close = () => '</div>\n';
};
