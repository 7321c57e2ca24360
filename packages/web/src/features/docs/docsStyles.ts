import { alpha, type SxProps, type Theme } from '@mui/material';

/** mkdocs-material's content markup, styled from the portal's palette so it follows light and dark. */
export const docsContentStyles: SxProps<Theme> = (theme) => {
  const callout = (colour: string) => ({ borderLeft: `4px solid ${colour}`, backgroundColor: alpha(colour, 0.08) });
  return {
    lineHeight: 1.7,
    '& h1, & h2, & h3, & h4': { scrollMarginTop: 16, lineHeight: 1.3 },
    '& .headerlink': { ml: 0.5, opacity: 0, textDecoration: 'none', color: 'text.secondary' },
    '& h1:hover .headerlink, & h2:hover .headerlink, & h3:hover .headerlink, & h4:hover .headerlink, & .headerlink:focus': { opacity: 1 },
    '& a': { color: 'primary.main' },
    '& code': { fontFamily: 'ui-monospace, monospace', fontSize: '0.9em', backgroundColor: 'action.hover', px: 0.5, borderRadius: 0.5 },
    '& .highlight': { position: 'relative', my: 2 },
    '& .highlight .filename': {
      display: 'block',
      fontSize: 13,
      px: 1.5,
      py: 0.5,
      backgroundColor: 'action.selected',
      borderRadius: '4px 4px 0 0',
    },
    '& .highlight pre, & pre.mermaid': { m: 0, p: 1.5, overflow: 'auto', backgroundColor: 'action.hover', borderRadius: 1 },
    '& .highlight pre code': { backgroundColor: 'transparent', p: 0, display: 'block' },
    '& .hll': { display: 'block', backgroundColor: theme.palette.mode === 'dark' ? '#4a4a1a' : '#fff8c5', mx: -1.5, px: 1.5 },
    '& .linenos': { color: 'text.disabled', mr: 2, userSelect: 'none', display: 'inline-block', minWidth: '2ch', textAlign: 'right' },
    '& .hljs-keyword, & .hljs-built_in, & .hljs-type': { color: 'secondary.main' },
    '& .hljs-title, & .hljs-attr, & .hljs-attribute, & .hljs-property': { color: 'primary.main' },
    '& .hljs-string, & .hljs-symbol': { color: 'success.main' },
    '& .hljs-number, & .hljs-literal': { color: 'warning.main' },
    '& .hljs-comment, & .hljs-meta': { color: 'text.secondary', fontStyle: 'italic' },
    '& .admonition, & details': { ...callout(theme.palette.info.main), borderRadius: 1, px: 2, py: 0.5, my: 2 },
    // mkdocs-material's types and their aliases, grouped by the palette colour that says the same thing.
    ...Object.fromEntries(
      (
        [
          [['tip', 'hint', 'important', 'success', 'check', 'done'], theme.palette.success.main],
          [['warning', 'caution', 'attention', 'question', 'help', 'faq'], theme.palette.warning.main],
          [['danger', 'error', 'failure', 'fail', 'missing', 'bug'], theme.palette.error.main],
          [['example'], theme.palette.secondary.main],
          [['quote', 'cite'], theme.palette.grey[500]],
        ] as const
      ).map(([types, colour]) => [types.flatMap((type) => [`& .admonition.${type}`, `& details.${type}`]).join(', '), callout(colour)]),
    ),
    '& .admonition-title, & summary': { fontWeight: 600, cursor: 'default' },
    '& summary': { cursor: 'pointer', py: 0.5 },
    '& .tabbed-set': { display: 'flex', flexWrap: 'wrap', my: 2 },
    '& .tabbed-set > input': { position: 'absolute', opacity: 0, pointerEvents: 'none' },
    '& .tabbed-labels': { display: 'flex', gap: 2, width: '100%', borderBottom: 1, borderColor: 'divider' },
    '& .tabbed-labels > label': { cursor: 'pointer', py: 0.5, color: 'text.secondary', borderBottom: '2px solid transparent' },
    '& .tabbed-content': { width: '100%' },
    '& .tabbed-block': { display: 'none' },
    ...Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => i + 1).flatMap((n) => [
        [`& .tabbed-set > input:nth-of-type(${n}):checked ~ .tabbed-content > .tabbed-block:nth-of-type(${n})`, { display: 'block' }],
        [
          `& .tabbed-set > input:nth-of-type(${n}):checked ~ .tabbed-labels > label:nth-of-type(${n})`,
          { color: 'primary.main', borderBottomColor: 'currentColor' },
        ],
      ]),
    ),
    '& table': { borderCollapse: 'collapse', my: 2 },
    '& th, & td': { border: 1, borderColor: 'divider', px: 1.5, py: 0.5 },
    '& .task-list': { listStyle: 'none', pl: 1 },
    '& .task-list-indicator': { display: 'none' },
    '& img': { maxWidth: '100%' },
    '& .footnotes': { fontSize: 14, color: 'text.secondary' },
  };
};
