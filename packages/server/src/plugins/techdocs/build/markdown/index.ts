/// <reference path="./modules.d.ts" />
import MarkdownIt from 'markdown-it';
import abbr from 'markdown-it-abbr';
import attrs from 'markdown-it-attrs';
import deflist from 'markdown-it-deflist';
import { full as emoji } from 'markdown-it-emoji';
import footnote from 'markdown-it-footnote';
import { autolinksPlugin } from './autolinks';
import { containersPlugin } from './containers';
import { fencesPlugin } from './fences';
import { headingsPlugin, type HeadingsEnv, type TocEntry } from './headings';
import { iconsPlugin } from './icons';
import { linksPlugin, type LinksEnv } from './links';
import { listsPlugin } from './lists';
import { mdInHtmlPlugin } from './mdInHtml';

export type { TocEntry };

export interface RenderedPage {
  /** The page's HTML, not yet sanitised. */
  html: string;
  /** The first `# heading`, when there is one. */
  title?: string;
  toc: TocEntry[];
  broken: LinksEnv['broken'];
  assets: Set<string>;
}

/**
 * One Markdown renderer for a whole build (creating markdown-it and its plugins costs more than a
 * page): CommonMark and GFM, footnotes, definition lists, abbreviations, `{#id .class}`
 * attributes, emoji and icon shortcodes, md_in_html, and the pymdownx blocks of containers.ts.
 */
export function createRenderer() {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false })
    .use(attrs, { allowedAttributes: ['id', 'class', 'title', 'width', 'height', 'target', 'rel'] })
    .use(footnote)
    .use(deflist)
    .use(abbr)
    .use(emoji)
    .use(iconsPlugin)
    .use(autolinksPlugin)
    .use(containersPlugin)
    .use(mdInHtmlPlugin)
    .use(fencesPlugin)
    .use(headingsPlugin)
    .use(listsPlugin)
    .use(linksPlugin);

  return {
    render(markdown: string, page: { source: string; pageUrls: Map<string, string> }): RenderedPage {
      const env: HeadingsEnv & LinksEnv & { inline: (text: string) => string } = {
        ...page,
        broken: [],
        assets: new Set(),
        inline: (text) => md.renderInline(text),
      };
      const html = md.render(markdown, env as unknown as Record<string, unknown>);
      return { html, title: env.title, toc: env.toc ?? [], broken: env.broken, assets: env.assets };
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
