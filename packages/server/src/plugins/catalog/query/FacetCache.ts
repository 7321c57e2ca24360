import type { Condition } from './conditions';

type Facets = Record<string, Array<{ value: string; count: number }>>;

/**
 * Facet counts for a filter, kept until the catalog changes. Catalog pages ask for the same
 * facets on every view, and counting over tens of thousands of entities is the costly part.
 */
export class FacetCache {
  private readonly entries = new Map<string, Facets>();

  constructor(private readonly maxEntries = 500) {}

  async get(facets: string[], condition: Condition | undefined, compute: () => Promise<Facets>): Promise<Facets> {
    const key = JSON.stringify([facets, condition ?? null]);
    const hit = this.entries.get(key);
    if (hit) return hit;
    const value = await compute();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  clear() {
    this.entries.clear();
  }
}
