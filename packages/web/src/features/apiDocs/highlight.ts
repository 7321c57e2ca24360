import hljs from 'highlight.js/lib/core';
import graphql from 'highlight.js/lib/languages/graphql';
import json from 'highlight.js/lib/languages/json';
import protobuf from 'highlight.js/lib/languages/protobuf';
import yaml from 'highlight.js/lib/languages/yaml';

// Our own instance: other features may register other languages on the shared one.
const highlighter = hljs.newInstance();
highlighter.registerLanguage('yaml', yaml);
highlighter.registerLanguage('json', json);
highlighter.registerLanguage('graphql', graphql);
highlighter.registerLanguage('protobuf', protobuf);

export type DefinitionLanguage = 'yaml' | 'json' | 'graphql' | 'protobuf';

/** The language an API definition is written in, from its declared type and, failing that, its look. */
export function definitionLanguage(apiType: string, definition: string): DefinitionLanguage {
  const type = apiType.toLowerCase();
  if (type === 'graphql') return 'graphql';
  if (type === 'grpc' || type === 'protobuf' || type === 'proto') return 'protobuf';
  return /^\s*[[{]/.test(definition) ? 'json' : 'yaml';
}

/**
 * Highlighted HTML for a definition. highlight.js escapes every character of the source it
 * emits (`<` becomes `&lt;`), and adds only its own `<span class="hljs-…">` tags, so the
 * result is safe to insert as HTML, and nothing else ever is.
 */
export function highlightDefinition(definition: string, language: DefinitionLanguage): string {
  return highlighter.highlight(definition, { language, ignoreIllegals: true }).value;
}
