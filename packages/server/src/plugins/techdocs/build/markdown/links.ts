import path from 'node:path/posix';
import type { Plugin, StateCore } from './types';

export interface LinksEnv {
  /** The page's source, relative to docs_dir ('guides/setup.md'). */
  source: string;
  /** Source path → page URL ('guides/setup.md' → 'guides/setup/'), for every page of the site. */
  pageUrls: Map<string, string>;
  /** Links to pages that do not exist, with their line. */
  broken: Array<{ target: string; line?: number }>;
  /** Images and other files the page refers to, relative to docs_dir. */
  assets: Set<string>;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/** The page's own URL directory, from which relative URLs in its HTML are resolved. */
export function pageUrlOf(source: string): string {
  const withoutExt = source.replace(/\.md$/i, '');
  const base = path.basename(withoutExt).toLowerCase();
  if (base === 'index' || base === 'readme') {
    const dir = path.dirname(withoutExt);
    return dir === '.' ? '' : `${dir}/`;
  }
  return `${withoutExt}/`;
}

/** A relative URL from one page URL to another (both directory URLs, '' for the site root). */
export function relativeUrl(fromPageUrl: string, toUrl: string): string {
  const relative = path.relative(`/${fromPageUrl}`, `/${toUrl}`);
  return relative === '' ? './' : toUrl.endsWith('/') || toUrl === '' ? `${relative}/` : relative;
}

/**
 * Links between pages are written as the Markdown files (`setup.md#install`) and become the
 * built site's directory URLs (`../setup/#install`); a link to a page that does not exist is
 * reported. Relative images and files are recorded so the build copies them.
 */
function rewriteLinks(state: StateCore) {
  const env = state.env as unknown as LinksEnv;
  if (!env.pageUrls) return;
  const here = pageUrlOf(env.source);
  const visit = (tokens: NonNullable<StateCore['tokens'][number]['children']>, line?: number) => {
    for (const token of tokens) {
      const attr = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
      if (attr) {
        const raw = token.attrGet(attr);
        const value = raw === null ? null : String(raw);
        if (value && !EXTERNAL.test(value) && !value.startsWith('/')) {
          const [file, hash] = value.split('#', 2) as [string, string | undefined];
          const target = path.normalize(path.join(path.dirname(env.source), decodeURI(file)));
          if (/\.md$/i.test(file)) {
            const url = env.pageUrls.get(target);
            if (url === undefined) env.broken.push({ target: value, line });
            else token.attrSet(attr, `${relativeUrl(here, url)}${hash !== undefined ? `#${hash}` : ''}`);
          } else if (file && !target.startsWith('..')) {
            env.assets.add(target);
            // Assets keep their place beside the source; the page moved one directory down.
            token.attrSet(attr, `${relativeUrl(here, path.dirname(target) === '.' ? '' : `${path.dirname(target)}/`)}${path.basename(target)}${hash !== undefined ? `#${hash}` : ''}`);
          }
        }
      }
      if (token.children) visit(token.children, line);
    }
  };
  for (const token of state.tokens) if (token.type === 'inline' && token.children) visit(token.children, token.map ? token.map[0] + 1 : undefined);
}

export const linksPlugin: Plugin = (md) => {
  md.core.ruler.push('page_links', rewriteLinks);
};
