import type { Entity } from '@greenroom/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { recordVisit } from '../../recent/recentlyVisited';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import HomePage from './HomePage';

const STARRED_BUCKET = '/api/user-settings/buckets/starredEntities';

const entity = (kind: string, name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', title },
  spec: { type: 'service' },
});

/** A user-settings store that remembers what the page writes, as the server does. */
function starredStore(initial: string[]) {
  let refs = initial;
  return {
    [`GET ${STARRED_BUCKET}`]: () => ({ bucket: 'starredEntities', items: [{ key: 'entityRefs', value: refs }] }),
    [`PUT ${STARRED_BUCKET}/keys/entityRefs`]: (_url: URL, init: RequestInit | undefined) => {
      refs = (JSON.parse(String(init?.body)) as { value: string[] }).value;
      return { bucket: 'starredEntities', key: 'entityRefs', value: refs };
    },
  };
}

const kindFacets = (kinds: Array<{ value: string; count: number }>) => ({ facets: { kind: kinds } });

describe('HomePage', () => {
  it('counts each kind, each count leading to the catalog filtered by that kind', async () => {
    mockApi({
      ...starredStore([]),
      'GET /api/catalog/entity-facets': kindFacets([
        { value: 'Component', count: 1234 },
        { value: 'API', count: 7 },
      ]),
    });
    renderWithApp(<HomePage />);
    const catalog = await screen.findByRole('region', { name: 'In the catalog' });
    expect(await within(catalog).findByRole('link', { name: '1,234 Components' })).toHaveAttribute(
      'href',
      '/catalog?filters[kind]=component',
    );
    expect(within(catalog).getByRole('link', { name: '7 APIs' })).toHaveAttribute('href', '/catalog?filters[kind]=api');
  });

  it('lists starred entities, and unstarring one removes it and saves the rest', async () => {
    const { calls } = mockApi({
      ...starredStore(['component:default/cart', 'api:default/orders-api', 'component:default/retired']),
      'POST /api/catalog/entities/by-refs': (_url: URL, init: RequestInit | undefined) => {
        const catalog: Record<string, Entity> = {
          'component:default/cart': entity('Component', 'cart', 'Cart service'),
          'api:default/orders-api': entity('API', 'orders-api'),
        };
        const { entityRefs } = JSON.parse(String(init?.body)) as { entityRefs: string[] };
        return { items: entityRefs.map((ref) => catalog[ref] ?? null) };
      },
      'GET /api/catalog/entity-facets': kindFacets([]),
    });
    renderWithApp(<HomePage />);
    const starred = await screen.findByRole('list', { name: 'Starred entities' });
    expect(await within(starred).findByRole('link', { name: 'Cart service' })).toHaveAttribute('href', '/catalog/default/component/cart');
    expect(within(starred).getByRole('link', { name: 'orders-api' })).toHaveAttribute('href', '/catalog/default/api/orders-api');
    // A starred entity that left the catalog can still be unstarred.
    expect(within(starred).getByText('No longer in the catalog')).toBeInTheDocument();

    await userEvent.click(within(starred).getByRole('button', { name: 'Remove Cart service from starred' }));
    await waitFor(() => expect(within(starred).queryByRole('link', { name: 'Cart service' })).not.toBeInTheDocument());
    expect(within(starred).getByRole('link', { name: 'orders-api' })).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url.pathname).toBe(`${STARRED_BUCKET}/keys/entityRefs`);
    expect(put?.body).toEqual({ value: ['api:default/orders-api', 'component:default/retired'] });
  });

  it('shows recently visited entities, newest first', async () => {
    mockApi({ ...starredStore([]), 'GET /api/catalog/entity-facets': kindFacets([]) });
    recordVisit({ entityRef: 'component:default/cart', title: 'Cart service', kind: 'Component' });
    recordVisit({ entityRef: 'group:default/team-a', title: 'Team A', kind: 'Group' });
    renderWithApp(<HomePage />);
    const recent = await screen.findByRole('list', { name: 'Recently visited entities' });
    const links = within(recent).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Team A', '/catalog/default/group/team-a'],
      ['Cart service', '/catalog/default/component/cart'],
    ]);
  });

  it('says what to do when nothing is starred, visited or in the catalog', async () => {
    mockApi({ ...starredStore([]), 'GET /api/catalog/entity-facets': kindFacets([]) });
    renderWithApp(<HomePage />);
    expect(await screen.findByText('Nothing starred yet')).toBeInTheDocument();
    expect(screen.getByText('Nothing visited yet')).toBeInTheDocument();
    expect(await screen.findByText('The catalog is empty')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Register a component' })).toHaveAttribute('href', '/catalog-import');
  });

  it('searches from the search box, and leaves the browser tab titled "Greenroom"', async () => {
    mockApi({ ...starredStore([]), 'GET /api/catalog/entity-facets': kindFacets([]) });
    document.title = 'Greenroom';
    const { location } = renderWithApp(<HomePage />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search Greenroom' }), 'orders & payments{Enter}');
    expect(location()).toEqual({ pathname: '/search', search: '?query=orders%20%26%20payments' });
    expect(document.title).toBe('Greenroom');
  });
});
