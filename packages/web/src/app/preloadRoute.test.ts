import { describe, expect, it, vi } from 'vitest';
import type { Feature } from './extensions';
import { preloadRoute } from './preloadRoute';

describe('preloadRoute', () => {
  const catalog = vi.fn(() => Promise.resolve());
  const entity = vi.fn(() => Promise.resolve());
  const features: Feature[] = [
    { id: 'catalog', routes: [{ path: '/catalog', element: null, preload: catalog }] },
    { id: 'entity', routes: [{ path: '/catalog/:namespace/:kind/:name/*', element: null, preload: entity }] },
    { id: 'settings', routes: [{ path: '/settings', element: null }] },
  ];

  it('preloads only the route the first URL is on', () => {
    preloadRoute(features, '/catalog/default/component/orders/yaml');
    expect(entity).toHaveBeenCalledTimes(1);
    expect(catalog).not.toHaveBeenCalled();
    preloadRoute(features, '/catalog');
    expect(catalog).toHaveBeenCalledTimes(1);
  });

  it('does nothing for a route without preload or an unknown path', () => {
    expect(() => preloadRoute(features, '/settings')).not.toThrow();
    expect(() => preloadRoute(features, '/nowhere')).not.toThrow();
  });
});
