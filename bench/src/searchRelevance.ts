import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

// Relevance of search over the demo organisation: what a user types, what they expect on top.

export interface RelevanceQuery {
  query: string;
  /** Entity refs that answer the query, lower case. */
  relevant: string[];
}

export interface QueryScore {
  /** 1 / rank of the first relevant result, 0 when none was returned. */
  reciprocalRank: number;
  /** Share of the relevant results found in the top five. */
  recallAt5: number;
}

export async function loadQueries(file: string): Promise<RelevanceQuery[]> {
  const doc = parse(await readFile(file, 'utf8')) as { queries?: unknown };
  if (!Array.isArray(doc.queries)) throw new Error(`${file}: expected a "queries" list`);
  return doc.queries.map((q: unknown, i: number) => {
    const { query, relevant } = (q ?? {}) as { query?: unknown; relevant?: unknown };
    if (typeof query !== 'string' || !Array.isArray(relevant) || relevant.length === 0 || !relevant.every((r) => typeof r === 'string')) {
      throw new Error(`${file}: queries[${i}] needs a query string and a non-empty relevant list`);
    }
    return { query, relevant: relevant.map((r: string) => r.toLowerCase()) };
  });
}

/** Scores one ranked answer (entity refs, best first) against what the user expected. */
export function scoreQuery(ranked: string[], relevant: string[]): QueryScore {
  const wanted = new Set(relevant);
  const firstHit = ranked.findIndex((ref) => wanted.has(ref.toLowerCase()));
  const top5 = new Set(ranked.slice(0, 5).map((r) => r.toLowerCase()));
  const found = relevant.filter((r) => top5.has(r)).length;
  // A query with more relevant results than fit in five can still score 1.
  return { reciprocalRank: firstHit === -1 ? 0 : 1 / (firstHit + 1), recallAt5: found / Math.min(relevant.length, 5) };
}

export function meanOf(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}
