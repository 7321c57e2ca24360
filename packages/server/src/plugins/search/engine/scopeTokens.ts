import { createHash } from 'node:crypto';

/**
 * Filters, types and the index generation are indexed as tokens in the full-text index itself
 * (a `scope` column on SQLite, weight D on PostgreSQL), so a query like `kind:api owner:team-a
 * payments` is one intersection inside the engine's inverted index instead of a join per filter.
 *
 * A token is `zz` plus 15 digits of a hash of the key and value: letters then digits, which both
 * engines keep as one token and neither stems, and which no text query can reach (text terms
 * are restricted to the text columns).
 */
export function scopeToken(key: string, value: string): string {
  const hash = createHash('sha1').update(`${key}\u0000${value}`).digest();
  return `zz${(hash.readBigUInt64BE(0) % 10n ** 15n).toString().padStart(15, '0')}`;
}

export const generationToken = (generation: number) => scopeToken('@generation', String(generation));
export const typeToken = (type: string) => scopeToken('@type', type);

/** Every scope token of a document: its generation, its type and each filter value. */
export function documentScope(generation: number, type: string, filters: Record<string, string[]>): string {
  const tokens = [generationToken(generation), typeToken(type)];
  for (const [key, values] of Object.entries(filters)) for (const value of new Set(values)) tokens.push(scopeToken(key, value));
  return tokens.join(' ');
}
