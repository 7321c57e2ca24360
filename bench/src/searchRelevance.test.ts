import { describe, expect, it } from 'vitest';
import { loadQueries, scoreQuery } from './searchRelevance';
import { fileURLToPath } from 'node:url';

describe('scoreQuery', () => {
  it('rewards the first relevant result by its rank', () => {
    expect(scoreQuery(['a', 'b', 'c'], ['a']).reciprocalRank).toBe(1);
    expect(scoreQuery(['x', 'b', 'a'], ['a', 'b']).reciprocalRank).toBe(0.5);
    expect(scoreQuery(['x', 'y'], ['a']).reciprocalRank).toBe(0);
  });

  it('measures recall in the top five, capped at five relevant results', () => {
    expect(scoreQuery(['a', 'x', 'y', 'z', 'w', 'b'], ['a', 'b']).recallAt5).toBe(0.5);
    expect(scoreQuery(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e', 'f']).recallAt5).toBe(1);
    expect(scoreQuery(['A'], ['a']).recallAt5).toBe(1);
  });
});

describe('the relevance query set', () => {
  it('holds at least 40 well-formed queries', async () => {
    const queries = await loadQueries(fileURLToPath(new URL('../search-relevance/queries.yaml', import.meta.url)));
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const q of queries) for (const ref of q.relevant) expect(ref).toMatch(/^[a-z]+:[a-z0-9-]+\/[a-z0-9.-]+$/);
  });
});
