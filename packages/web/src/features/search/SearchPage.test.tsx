import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp, respond } from '../../testing/renderWithApp';
import type { SearchResultSet } from './api';
import SearchPage from './SearchPage';

const firstPage: SearchResultSet = {
  numberOfResults: 27,
  nextPageCursor: 'page-2',
  results: [
    {
      type: 'software-catalog',
      rank: 1,
      document: {
        title: 'payments-api',
        text: '<script>window.__xss=1</script>Moves money between orders and banks',
        location: '/catalog/default/api/payments-api',
        entityRef: 'api:default/payments-api',
        kind: 'API',
        type: 'openapi',
        owner: 'group:default/team-payments',
      },
      highlight: {
        preTag: '<mark>',
        postTag: '</mark>',
        fields: { text: '<script>window.__xss=1</script>Moves money between <mark>orders</mark> and banks' },
      },
    },
    {
      type: 'techdocs',
      rank: 2,
      document: { title: 'Refunds', text: 'How refunds work', location: '/docs/default/component/payments-service/refunds', entityTitle: 'Payments service' },
    },
  ],
  facets: {
    kind: [
      { value: 'API', count: 12 },
      { value: 'Component', count: 15 },
    ],
    owner: [{ value: 'group:default/team-payments', count: 27 }],
  },
};

const secondPage: SearchResultSet = {
  numberOfResults: 27,
  previousPageCursor: 'page-1',
  results: [
    {
      type: 'software-catalog',
      rank: 26,
      document: {
        title: 'payments-service',
        text: 'Takes payments',
        location: '/catalog/default/component/payments-service',
        kind: 'Component',
      },
    },
  ],
  facets: firstPage.facets,
};

const searchApi = () =>
  mockApi({ 'GET /api/search/query': (url: URL) => (url.searchParams.get('pageCursor') === 'page-2' ? secondPage : firstPage) });

describe('SearchPage', () => {
  it('sends the term, type, filters and cursor from the URL, and shows results with marked, inert snippets', async () => {
    const { calls } = searchApi();
    renderWithApp(<SearchPage />, {
      url: '/search?query=owner:team-payments%20money&types=software-catalog&filters[lifecycle]=production',
    });
    const results = await screen.findByRole('list', { name: 'Search results' });
    const sent = calls[0].url.searchParams;
    expect(sent.get('term')).toBe('owner:team-payments money');
    expect(sent.getAll('types[]')).toEqual(['software-catalog']);
    expect(sent.get('filters[lifecycle]')).toBe('production');
    expect(sent.get('pageLimit')).toBe('25');
    expect(sent.get('pageCursor')).toBeNull();

    expect(screen.getByRole('tab', { name: 'Catalog' })).toHaveAttribute('aria-selected', 'true');
    expect(within(results).getByRole('link', { name: 'payments-api' })).toHaveAttribute('href', '/catalog/default/api/payments-api');
    expect(results.querySelector('mark')).toHaveTextContent('orders');
    expect(results).toHaveTextContent('<script>window.__xss=1</script>Moves money between orders and banks');
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('27 results');
    expect(results).toHaveTextContent('Owner: team-payments');
    // A documentation result links to the reader and names whose documentation it is.
    expect(within(results).getByRole('link', { name: 'Refunds' })).toHaveAttribute('href', '/docs/default/component/payments-service/refunds');
    expect(results).toHaveTextContent('In the documentation of Payments service');
  });

  it('says "1,000+" when the server stopped counting', async () => {
    mockApi({ 'GET /api/search/query': () => ({ ...firstPage, numberOfResults: 1000, numberOfResultsCapped: true }) });
    renderWithApp(<SearchPage />, { url: '/search?query=numbers' });
    await screen.findByRole('list', { name: 'Search results' });
    expect(screen.getByRole('status')).toHaveTextContent('1,000+ results');
  });

  it('searches by filters alone, owners offered by their short names', async () => {
    const { calls } = searchApi();
    renderWithApp(<SearchPage />, { url: '/search?filters[kind]=API' });
    await screen.findByRole('list', { name: 'Search results' });
    expect(calls[0].url.searchParams.get('term')).toBe('');
    expect(calls[0].url.searchParams.get('filters[kind]')).toBe('API');
    expect(calls[0].url.searchParams.get('facets')).toBe('true');
    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    expect(await screen.findByRole('option', { name: 'team-payments (27)' })).toBeInTheDocument();
  });

  it('puts a chosen facet and type tab into the URL and starts again at the first page', async () => {
    const { calls } = searchApi();
    const { location } = renderWithApp(<SearchPage />, { url: '/search?query=money&cursor=page-2' });
    expect(await screen.findByText('payments-service')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Kind' }));
    // The facets of the current answer are offered, with their counts.
    await userEvent.click(await screen.findByRole('option', { name: 'API (12)' }));
    await waitFor(() => expect(new URLSearchParams(location().search).get('filters[kind]')).toBe('API'));
    expect(new URLSearchParams(location().search).get('cursor')).toBeNull();
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('filters[kind]')).toBe('API'));

    await userEvent.click(screen.getByRole('tab', { name: 'Documentation' }));
    expect(new URLSearchParams(location().search).get('types')).toBe('techdocs');
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.getAll('types[]')).toEqual(['techdocs']));
    expect(calls.at(-1)!.url.searchParams.get('filters[kind]')).toBe('API');
  });

  it('pages with the cursors of the answer', async () => {
    const { calls } = searchApi();
    const { location } = renderWithApp(<SearchPage />, { url: '/search?query=money' });
    await screen.findByText('payments-api');
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('payments-service')).toBeInTheDocument();
    expect(new URLSearchParams(location().search).get('cursor')).toBe('page-2');
    expect(calls.at(-1)!.url.searchParams.get('pageCursor')).toBe('page-2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('payments-api')).toBeInTheDocument();
    expect(new URLSearchParams(location().search).get('cursor')).toBe('page-1');
  });

  it('explains an empty query, no match and a failed search, and documents the query syntax', async () => {
    mockApi({ 'GET /api/search/query': { results: [], numberOfResults: 0 } });
    const first = renderWithApp(<SearchPage />, { url: '/search' });
    expect(screen.getByText('Type a word to search the catalog, docs and templates')).toBeInTheDocument();
    expect(screen.getByRole('complementary', { name: 'Query syntax' })).toHaveTextContent('dependsOn:component:orders');
    first.unmount();

    const noMatch = renderWithApp(<SearchPage />, { url: '/search?query=zzz' });
    expect(await screen.findByText('Nothing matches “zzz”')).toBeInTheDocument();
    noMatch.unmount();

    mockApi({ 'GET /api/search/query': respond(400, { error: { name: 'InputError', message: 'Unknown filter colour:' } }) });
    renderWithApp(<SearchPage />, { url: '/search?query=colour:red' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown filter colour:');
  });
});
