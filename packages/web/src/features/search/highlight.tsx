import type { ReactNode } from 'react';

export interface HighlightPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a highlighted string at its pre/post tags into plain and marked parts. The text is
 * untrusted (it comes from catalog data), so it is only ever cut at the tags, never parsed as
 * HTML; an unclosed pre tag marks the rest of the string.
 */
export function highlightParts(highlighted: string, preTag: string, postTag: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const push = (text: string, marked: boolean) => {
    if (text) parts.push({ text, marked });
  };
  let position = 0;
  while (position < highlighted.length) {
    const open = highlighted.indexOf(preTag, position);
    if (open < 0) break;
    push(highlighted.slice(position, open), false);
    const start = open + preTag.length;
    const close = highlighted.indexOf(postTag, start);
    const end = close < 0 ? highlighted.length : close;
    push(highlighted.slice(start, end), true);
    position = close < 0 ? end : close + postTag.length;
  }
  push(highlighted.slice(position), false);
  return parts;
}

/** The highlighted text as React text nodes with `<mark>` around the matched words. */
export function HighlightedText({ text, preTag, postTag }: { text: string; preTag?: string; postTag?: string }): ReactNode {
  if (!preTag || !postTag) return text;
  return highlightParts(text, preTag, postTag).map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text));
}
