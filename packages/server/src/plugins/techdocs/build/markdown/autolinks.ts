import type { Plugin } from './types';

/**
 * GFM's extended autolinks: besides `https://…` (markdown-it's linkify), a bare `www.host/path`
 * becomes a link. linkify-it's fuzzy mode is not used: it would also link file names such as
 * `index.md` or `setup.py`, whose extensions are country domains.
 */
const WWW_REST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s<]*)?/i;

export const autolinksPlugin: Plugin = (md) => {
  md.linkify.add('www.', {
    validate: (text: string, pos: number) => {
      const match = WWW_REST.exec(text.slice(pos));
      // Trailing punctuation ends the sentence, not the URL.
      return match ? match[0].replace(/[.,:;!?)'"*_~]+$/, '').length : 0;
    },
    normalize: (match: { url: string }) => {
      match.url = `https://${match.url}`;
    },
  });
};
