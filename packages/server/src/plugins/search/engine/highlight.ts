import type { MatchTerm } from './fullText';

export const PRE_TAG = '<mark>';
export const POST_TAG = '</mark>';

/**
 * Whether a word of the document is one the query matched: the query word as a prefix, one of its
 * typo corrections, or another form of it (`processing` ~ `processes`, as the engines' stemmers see it).
 */
function matchesWord(token: string, word: string, exact: boolean): boolean {
  if (token === word) return true;
  if (!exact && token.startsWith(word)) return true;
  let common = 0;
  while (common < token.length && common < word.length && token[common] === word[common]) common++;
  return common >= 4 && common >= Math.min(token.length, word.length) - 3;
}

/**
 * The field with every matched word wrapped in the tags, computed here rather than by the
 * engine: asking FTS5 or ts_headline for a page's highlights re-runs the whole match.
 */
export function highlight(text: string, terms: MatchTerm[]): string {
  const wanted = terms.flatMap((term) =>
    'phrase' in term
      ? term.phrase.map((word) => ({ word, exact: true }))
      : [{ word: term.word, exact: !term.prefix }, ...term.corrections.map((word) => ({ word, exact: true }))],
  );
  if (!wanted.length) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (token) => {
    const lower = token.toLowerCase();
    return wanted.some((w) => matchesWord(lower, w.word, w.exact)) ? `${PRE_TAG}${token}${POST_TAG}` : token;
  });
}
