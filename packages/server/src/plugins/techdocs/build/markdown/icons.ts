import type { Plugin, StateInline } from './types';

/**
 * mkdocs-material's icon shortcodes (`:material-check:`, `:fontawesome-brands-github:`,
 * `:octicons-alert-16:`, `:simple-python:`) name SVG icons Greenroom does not bundle: they stay as
 * their text, wrapped in `span.twemoji.icon-shortcode` with the icon's name, so a reader may style
 * or replace them. Unicode emoji shortcodes (`:smile:`) are markdown-it-emoji's.
 */
const ICON = /^:((?:material|fontawesome|octicons|simple)-[a-z0-9-]+):/;

function iconRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3a /* : */) return false;
  const match = ICON.exec(state.src.slice(state.pos, state.pos + 100));
  if (!match) return false;
  if (!silent) {
    const token = state.push('html_inline', '', 0);
    token.content = `<span class="twemoji icon-shortcode" title="${match[1]}">${match[0]}</span>`;
  }
  state.pos += match[0].length;
  return true;
}

export const iconsPlugin: Plugin = (md) => {
  md.inline.ruler.before('emphasis', 'icon_shortcode', iconRule);
};
