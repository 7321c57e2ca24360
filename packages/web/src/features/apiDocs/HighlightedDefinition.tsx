import { Box, Paper } from '@mui/material';
import { useMemo } from 'react';
import { highlightDefinition, type DefinitionLanguage } from './highlight';

/** Token colours from the portal's palette, so the source reads well in the light and the dark theme. */
const tokenColours = {
  '& .hljs-keyword, & .hljs-built_in, & .hljs-type': { color: 'secondary.main' },
  '& .hljs-attr, & .hljs-attribute, & .hljs-property, & .hljs-title': { color: 'primary.main' },
  '& .hljs-string, & .hljs-symbol': { color: 'success.main' },
  '& .hljs-number, & .hljs-literal': { color: 'warning.main' },
  '& .hljs-comment, & .hljs-meta': { color: 'text.secondary', fontStyle: 'italic' },
  '& .hljs-bullet, & .hljs-punctuation': { color: 'text.secondary' },
};

export function HighlightedDefinition({ definition, language }: { definition: string; language: DefinitionLanguage }) {
  const html = useMemo(() => highlightDefinition(definition, language), [definition, language]);
  return (
    <Paper variant="outlined" sx={{ p: 2, overflow: 'auto' }}>
      <Box
        component="pre"
        aria-label={`Definition (${language})`}
        sx={{ m: 0, fontSize: 13, lineHeight: 1.5, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', ...tokenColours }}
      >
        {/* highlight.js output only: it escapes the definition itself (see highlightDefinition). */}
        <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
      </Box>
    </Paper>
  );
}
