import { describe, expect, it } from 'vitest';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;

describe('layoutGraph', () => {
  it('reads left to right along dependsOn', () => {
    const layout = layoutGraph(
      ['component:default/storefront', 'component:default/orders', 'resource:default/orders-db'],
      [
        { source: 'component:default/storefront', target: 'component:default/orders', type: 'dependsOn' },
        { source: 'component:default/orders', target: 'resource:default/orders-db', type: 'dependsOn' },
      ],
    );
    const x = (id: string) => layout.get(id)!.x;
    expect(x('component:default/storefront')).toBeLessThan(x('component:default/orders'));
    expect(x('component:default/orders')).toBeLessThan(x('resource:default/orders-db'));
  });

  it('positions every node, unconnected ones included, without overlaps', () => {
    const ids = ['a:default/root', 'b:default/one', 'b:default/two', 'b:default/three', 'c:default/alone'];
    const layout = layoutGraph(ids, [
      { source: 'a:default/root', target: 'b:default/one', type: 'dependsOn' },
      { source: 'a:default/root', target: 'b:default/two', type: 'providesApi' },
      // Two relations between the same pair, and one pointing back: both must be tolerated.
      { source: 'a:default/root', target: 'b:default/two', type: 'consumesApi' },
      { source: 'b:default/three', target: 'a:default/root', type: 'dependsOn' },
      { source: 'a:default/root', target: 'x:default/not-in-graph', type: 'dependsOn' },
    ]);
    expect([...layout.keys()].sort()).toEqual([...ids].sort());
    for (const position of layout.values()) {
      expect(Number.isFinite(position.x) && Number.isFinite(position.y)).toBe(true);
    }
    const positions = [...layout.values()];
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) expect(overlaps(positions[i], positions[j])).toBe(false);
    }
  });

  it('lays out a cycle', () => {
    const layout = layoutGraph(
      ['a:default/x', 'a:default/y'],
      [
        { source: 'a:default/x', target: 'a:default/y', type: 'dependsOn' },
        { source: 'a:default/y', target: 'a:default/x', type: 'dependsOn' },
      ],
    );
    expect(layout.size).toBe(2);
    expect(overlaps(layout.get('a:default/x')!, layout.get('a:default/y')!)).toBe(false);
  });
});
