import type { Entity } from '@greenroom/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp, respond } from '../../testing/renderWithApp';
import CatalogPage from './CatalogPage';

function component(name: string, extra: { description?: string; type?: string; owner?: string; tags?: string[] } = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, title: name.replace(/-/g, ' '), description: extra.description, tags: extra.tags },
    spec: { type: extra.type ?? 'service', owner: extra.owner ?? 'team-a', lifecycle: 'production', system: 'shop' },
  };
}

const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: { type: 'openapi', owner: 'team-a', lifecycle: 'production' },
};

const FACETS = {
  kind: [
    { value: 'Component', count: 45 },
    { value: 'API', count: 1 },
  ],
  'spec.type': [
    { value: 'service', count: 40 },
    { value: 'website', count: 5 },
  ],
  'relations.ownedBy': [{ value: 'group:default/team-a', count: 45 }],
  'spec.lifecycle': [{ value: 'production', count: 45 }],
  'metadata.tags': [{ value: 'java', count: 3 }],
  'metadata.namespace': [{ value: 'default', count: 45 }],
};

/** Facets as the server answers them: only those asked for. */
function facets(counts: Record<string, Array<{ value: string; count: number }>> = FACETS) {
  return (url: URL) => ({
    facets: Object.fromEntries(url.searchParams.getAll('facet').map((f) => [f, counts[f as keyof typeof counts] ?? []])),
  });
}

const page = (items: Entity[], totalItems = items.length, pageInfo = {}) => ({ items, totalItems, pageInfo });

const byQueryCalls = (calls: ReturnType<typeof mockApi>['calls']) =>
  calls.filter((c) => c.url.pathname === '/api/catalog/entities/by-query');

describe('CatalogPage', () => {
  it('lists the entities of the kind in the URL, asking the server only for the fields its columns show', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': page(
        [component('Cart-Service', { tags: ['java'] }), component('web-shop', { type: 'website' })],
        2,
      ),
    });
    renderWithApp(<CatalogPage />, { url: '/catalog' });

    const table = await screen.findByTestId('catalog-table');
    const rows = table.querySelectorAll('tbody tr');
    expect([...rows].map((row) => row.getAttribute('data-entity-ref'))).toEqual([
      'component:default/cart-service',
      'component:default/web-shop',
    ]);
    const cart = within(rows[0] as HTMLElement);
    expect(cart.getByRole('link', { name: 'Cart Service' })).toHaveAttribute('href', '/catalog/default/component/Cart-Service');
    expect(cart.getByRole('link', { name: 'team-a' })).toHaveAttribute('href', '/catalog/default/group/team-a');
    expect(cart.getByRole('button', { name: 'Add Cart Service to starred' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Lifecycle' })).toBeInTheDocument();

    const request = byQueryCalls(calls)[0]!.url.searchParams;
    expect(request.get('filter')).toBe('kind=component');
    expect(request.get('orderField')).toBe('metadata.name,asc');
    expect(request.get('limit')).toBe('20');
    expect(request.get('fields')!.split(',').sort()).toEqual(
      [
        'kind',
        'metadata.description',
        'metadata.name',
        'metadata.namespace',
        'metadata.tags',
        'metadata.title',
        'spec.lifecycle',
        'spec.owner',
        'spec.system',
        'spec.type',
      ].sort(),
    );
  });

  it('puts a chosen filter in the URL and in the request', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': (url: URL) =>
        url.searchParams.get('filter')?.includes('spec.type=website')
          ? page([component('web-shop', { type: 'website' })])
          : page([component('cart')]),
    });
    const { location } = renderWithApp(<CatalogPage />, { url: '/catalog?filters[kind]=component' });
    await screen.findByTestId('catalog-table');

    await userEvent.click(screen.getByRole('combobox', { name: 'Type' }));
    await userEvent.click(await screen.findByRole('option', { name: /website/ }));

    await waitFor(() => expect(document.querySelector('tbody tr')).toHaveAttribute('data-entity-ref', 'component:default/web-shop'));
    expect(decodeURIComponent(location().search)).toContain('filters[type]=website');
    expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('filter')).toBe('kind=component,spec.type=website');
  });

  it('sends the text filter as fullTextFilterTerm once typing pauses', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': page([component('cart')]),
    });
    const { location } = renderWithApp(<CatalogPage />, { url: '/catalog' });
    await screen.findByTestId('catalog-table');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter' }), 'cart svc');
    await waitFor(() => expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('fullTextFilterTerm')).toBe('cart svc'));
    // One request for the whole term, not one per keystroke.
    expect(byQueryCalls(calls).filter((c) => c.url.searchParams.has('fullTextFilterTerm'))).toHaveLength(1);
    expect(new URLSearchParams(location().search).get('filters[text]')).toBe('cart svc');
  });

  it('follows the cursor to the next page and keeps it in the URL', async () => {
    const firstPage = Array.from({ length: 20 }, (_, i) => component(`first-${String(i).padStart(2, '0')}`));
    const secondPage = Array.from({ length: 20 }, (_, i) => component(`second-${String(i).padStart(2, '0')}`));
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': (url: URL) =>
        url.searchParams.get('cursor') === 'page-2'
          ? page(secondPage, 45, { nextCursor: 'page-3', prevCursor: 'page-1' })
          : page(firstPage, 45, { nextCursor: 'page-2' }),
    });
    const { location } = renderWithApp(<CatalogPage />, { url: '/catalog' });
    await screen.findByText('1–20 of 45');
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('21–40 of 45');
    expect(document.querySelector('tbody tr')).toHaveAttribute('data-entity-ref', 'component:default/second-00');
    expect(new URLSearchParams(location().search).get('cursor')).toBe('page-2');
    const request = byQueryCalls(calls).at(-1)!.url.searchParams;
    expect(request.get('cursor')).toBe('page-2');
    expect(request.has('filter')).toBe(false);
  });

  it('says so when the catalog is empty, and offers to register a component', async () => {
    mockApi({
      'GET /api/catalog/entity-facets': facets({ kind: [] }),
      'GET /api/catalog/entities/by-query': page([]),
    });
    renderWithApp(<CatalogPage />, { url: '/catalog' });
    expect(await screen.findByText('The catalog is empty')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Register a component' })).toHaveAttribute('href', '/catalog-import');
    expect(screen.queryByTestId('catalog-table')).not.toBeInTheDocument();
  });

  it('says when nothing matches a filter value, and clears the filters', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': (url: URL) =>
        url.searchParams.get('filter')!.includes('metadata.tags') ? page([]) : page([component('cart')]),
    });
    const { location } = renderWithApp(<CatalogPage />, { url: '/catalog?filters[kind]=component&filters[tags]=no-such-tag' });
    expect(await screen.findByText('No entities match these filters')).toBeInTheDocument();
    // The value the catalog does not have is still shown, so it can be removed.
    expect(screen.getByRole('button', { name: 'no-such-tag' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByTestId('catalog-table');
    expect(location().search).not.toContain('tags');
    expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('filter')).toBe('kind=component');
  });

  it('shows markup in catalog text as text', async () => {
    mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': page([component('hostile', { description: '<script>window.__xss=1</script><b>bold</b>' })]),
    });
    renderWithApp(<CatalogPage />, { url: '/catalog' });
    expect(await screen.findByText('<script>window.__xss=1</script><b>bold</b>')).toBeInTheDocument();
    expect(screen.getByTestId('catalog-table').querySelector('script, b')).toBeNull();
  });

  it('shows a readable error when the catalog cannot be queried', async () => {
    mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': respond(503, {
        error: { name: 'ServiceUnavailableError', message: 'The database is restarting' },
      }),
    });
    renderWithApp(<CatalogPage />, { url: '/catalog' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The catalog could not be loaded');
    expect(alert).toHaveTextContent('The database is restarting');
  });

  it('switching the kind shows that kind’s columns and drops filters that belonged to the old kind', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': (url: URL) =>
        url.searchParams.get('filter')!.startsWith('kind=api') ? page([api]) : page([component('cart')]),
    });
    const { location } = renderWithApp(<CatalogPage />, {
      url: '/catalog?filters[kind]=component&filters[type]=service&sort=lifecycle,desc',
    });
    await screen.findByTestId('catalog-table');

    await userEvent.click(screen.getByRole('combobox', { name: 'Kind' }));
    await userEvent.click(await screen.findByRole('option', { name: 'API (1)' }));

    await waitFor(() => expect(document.querySelector('tbody tr')).toHaveAttribute('data-entity-ref', 'api:default/orders-api'));
    expect(decodeURIComponent(location().search)).toBe('?filters[kind]=api');
    expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('filter')).toBe('kind=api');
    expect(screen.getByRole('heading', { name: /APIs/ })).toBeInTheDocument();
  });

  it('sorts on the server by the chosen column, falling back to the name for a column the kind does not have', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/catalog/entities/by-query': page([component('cart')]),
    });
    const { location } = renderWithApp(<CatalogPage />, { url: '/catalog?filters[kind]=component&sort=email,desc' });
    await screen.findByTestId('catalog-table');
    // Components have no email column: a bookmarked user-table sort falls back to the name.
    expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('orderField')).toBe('metadata.name,asc');

    await userEvent.click(screen.getByRole('button', { name: 'Owner' }));
    await waitFor(() => expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('orderField')).toBe('spec.owner,asc'));
    expect(new URLSearchParams(location().search).get('sort')).toBe('owner,asc');
    expect(screen.getByRole('columnheader', { name: /Owner/ })).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(screen.getByRole('button', { name: 'Name' }));
    await waitFor(() => expect(byQueryCalls(calls).at(-1)!.url.searchParams.get('orderField')).toBe('metadata.name,asc'));
  });

  it('"Starred" shows the starred entities of the kind, filtered in the browser', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': facets(),
      'GET /api/user-settings/buckets/starredEntities': {
        bucket: 'starredEntities',
        items: [{ key: 'entityRefs', value: ['component:default/cart', 'api:default/orders-api', 'component:default/web-shop'] }],
      },
      'POST /api/catalog/entities/by-refs': { items: [component('cart'), api, component('web-shop', { type: 'website' })] },
    });
    renderWithApp(<CatalogPage />, { url: '/catalog?filters[kind]=component&filters[user]=starred&filters[type]=website' });

    await waitFor(() =>
      expect([...document.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-entity-ref'))).toEqual([
        'component:default/web-shop',
      ]),
    );
    expect(screen.getByRole('button', { name: 'Starred' })).toHaveAttribute('aria-pressed', 'true');
    expect(byQueryCalls(calls)).toHaveLength(0);
  });
});
