import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp, starredApi } from '../../testing/renderWithApp';
import DocsIndexPage from './DocsIndexPage';

const doc = (name: string, owner: string, documented = true) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    description: `About ${name}`,
    annotations: documented ? { 'backstage.io/techdocs-ref': 'dir:.' } : {},
  },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

describe('DocsIndexPage', () => {
  it('lists documented entities with the starred ones first, and filters by owner on the server', async () => {
    const { calls } = mockApi({
      ...starredApi(['component:default/billing', 'component:default/undocumented', 'component:default/orders']),
      'POST /api/catalog/entities/by-refs': {
        items: [
          doc('billing', 'group:default/team-a'),
          doc('undocumented', 'group:default/team-a', false),
          doc('orders', 'group:default/team-b'),
        ],
      },
      'GET /api/catalog/entities/by-query': {
        items: [doc('billing', 'group:default/team-a'), doc('ledger', 'group:default/team-a')],
        totalItems: 2,
        pageInfo: {},
      },
      'GET /api/catalog/entity-facets': {
        facets: { kind: [{ value: 'Component', count: 2 }], 'relations.ownedBy': [{ value: 'group:default/team-a', count: 1 }] },
      },
    });
    renderWithApp(<DocsIndexPage />, { url: '/docs?owner=group:default/team-a' });

    const starred = await screen.findByRole('table', { name: 'Starred' });
    // A starred entity without docs, or outside the chosen owner, is not listed.
    expect(
      within(starred)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-entity-ref')),
    ).toEqual(['component:default/billing']);
    const all = screen.getByRole('table', { name: 'All documentation' });
    expect(
      within(all)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-entity-ref')),
    ).toEqual(['component:default/ledger']);

    const query = calls.find((c) => c.url.pathname === '/api/catalog/entities/by-query')!;
    expect(query.url.searchParams.get('filter')).toBe(
      'metadata.annotations.backstage.io/techdocs-ref,relations.ownedBy=group:default/team-a',
    );
  });
});
