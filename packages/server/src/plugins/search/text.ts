/** Words of a name split at kebab-case, snake_case, dots and camelCase: `paymentsApi` → ['payments', 'api']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The tokens both engines can match: letters and digits only, lower-case. Everything else
 * separates tokens, so no query text ever reaches FTS5 or to_tsquery syntax.
 */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
