import type { Plugin, StateCore } from './types';

export interface TocEntry {
  id: string;
  title: string;
  level: number;
}

export interface HeadingsEnv {
  toc?: TocEntry[];
  title?: string;
  usedIds?: Map<string, number>;
}

/** Python-Markdown's toc slugs: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

/**
 * Every heading gets an id (its own from `{#id}`, else a slug, made unique with `_1`, `_2` as
 * Python-Markdown does) and a permalink; the page's table of contents and title are collected.
 */
function headingIds(state: StateCore) {
  const env = state.env as unknown as HeadingsEnv;
  env.toc ??= [];
  env.usedIds ??= new Map();
  const { tokens } = state;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const text = inline.children?.filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('') ?? inline.content;
    let id = String(token.attrGet('id') ?? '') || slugify(text) || 'section';
    const seen = env.usedIds.get(id);
    if (seen !== undefined && !token.attrGet('id')) {
      env.usedIds.set(id, seen + 1);
      id = `${id}_${seen + 1}`;
    }
    env.usedIds.set(id, env.usedIds.get(id) ?? 0);
    token.attrSet('id', id);
    const level = Number(token.tag.slice(1));
    if (level === 1 && env.title === undefined) env.title = text;
    env.toc.push({ id, title: text, level });
    const link = new state.Token('html_inline', '', 0);
    link.content = `<a class="headerlink" href="#${id}" title="Permanent link">&para;</a>`;
    inline.children?.push(link);
  }
}

export const headingsPlugin: Plugin = (md) => {
  md.core.ruler.push('heading_ids', headingIds);
};
