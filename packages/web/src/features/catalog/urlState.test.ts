import { describe, expect, it } from 'vitest';
import { defaultFilters, parseCatalogSearch, serializeCatalogSearch, toEntityFilter, type CatalogViewState } from './urlState';

describe('catalog URL state', () => {
  it('shows components, sorted by name, 20 a page, when the URL says nothing', () => {
    expect(parseCatalogSearch('')).toEqual({
      filters: defaultFilters('component'),
      sort: { column: 'name', order: 'asc' },
      cursor: undefined,
      pageSize: 20,
    });
  });

  it('round-trips every filter, the sort, the page size and the cursor', () => {
    const view: CatalogViewState = {
      filters: {
        kind: 'api',
        type: ['openapi', 'grpc'],
        owners: ['group:default/team-a'],
        lifecycles: ['production'],
        tags: ['java', 'c++'],
        namespace: ['default'],
        user: 'starred',
        text: 'order & pay',
      },
      sort: { column: 'owner', order: 'desc' },
      cursor: 'eyJhIjoxfQ==',
      pageSize: 50,
    };
    const search = serializeCatalogSearch(view);
    expect(parseCatalogSearch(search)).toEqual(view);
    // Brackets stay readable in a shared link; values are encoded.
    expect(search).toContain('filters[kind]=api');
    expect(search).toContain('filters[tags]=java&filters[tags]=c%2B%2B');
    expect(search).toContain('filters[text]=order%20%26%20pay');
  });

  it("reads Backstage's bookmarks: indexed and percent-encoded keys, upper-case kinds, 'owned'", () => {
    const view = parseCatalogSearch(
      '?filters%5Bkind%5D=Component&filters%5Btags%5D%5B0%5D=java&filters%5Btags%5D%5B1%5D=kafka&filters[owners][0]=team-a&filters[user]=owned',
    );
    expect(view.filters.kind).toBe('component');
    expect(view.filters.tags).toEqual(['java', 'kafka']);
    expect(view.filters.owners).toEqual(['team-a']);
    // No signed-in user yet, so "owned" shows everything rather than nothing.
    expect(view.filters.user).toBe('all');
  });

  it('ignores what it does not understand instead of failing', () => {
    const view = parseCatalogSearch('?filters[kind]=&filters[orphan]=true&sort=;drop,sideways&limit=7&filters[tags]=&unrelated=1');
    expect(view.filters).toEqual(defaultFilters('component'));
    expect(view.sort).toEqual({ column: 'name', order: 'asc' });
    expect(view.pageSize).toBe(20);
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeCatalogSearch(parseCatalogSearch(''))).toBe('filters[kind]=component');
  });

  it('turns filters into the by-query filter, owners as full refs', () => {
    const view = parseCatalogSearch(
      '?filters[kind]=component&filters[type]=service&filters[owners]=team-a&filters[owners]=user:ops/jo&filters[tags]=go&filters[text]=cart',
    );
    expect(toEntityFilter(view.filters)).toEqual({
      kind: 'component',
      'spec.type': ['service'],
      'relations.ownedBy': ['group:default/team-a', 'user:ops/jo'],
      'metadata.tags': ['go'],
    });
  });
});
