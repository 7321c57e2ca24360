import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import type { SearchResultSet } from './api';
import { HeaderSearch } from './HeaderSearch';

const answer: SearchResultSet = {
  numberOfResults: 3,
  results: [
    {
      type: 'techdocs',
      rank: 2,
      document: {
        title: 'Orders runbook',
        text: 'How to restart orders',
        location: '/docs/default/component/orders-service/runbook#restart',
      },
    },
    {
      type: 'software-catalog',
      rank: 1,
      document: {
        title: 'orders-api',
        text: 'Places and tracks <script>orders</script>',
        location: '/catalog/default/api/orders-api',
        kind: 'API',
        type: 'openapi',
      },
      highlight: { preTag: '<mark>', postTag: '</mark>', fields: { title: '<mark>orders</mark>-api' } },
    },
    {
      type: 'software-catalog',
      rank: 3,
      document: { title: 'orders-service', text: 'Owns orders', location: '/catalog/default/component/orders-service', kind: 'Component' },
    },
  ],
};

function renderHeader() {
  const api = mockApi({ 'GET /api/search/query': answer });
  const view = renderWithApp(
    <>
      <label>
        Other field
        <input />
      </label>
      <HeaderSearch />
    </>,
  );
  return { ...view, ...api };
}

describe('HeaderSearch', () => {
  it('shows results as you type, grouped by type with the catalog first', async () => {
    const { calls } = renderHeader();
    // Keys without pauses between them, as a fast typist's: the debounce must send the word once.
    await userEvent.setup({ delay: null }).type(screen.getByRole('combobox', { name: 'Search Greenroom' }), 'orders');
    const listbox = await screen.findByRole('listbox', { name: 'Instant search results' });
    const catalog = await within(listbox).findByRole('group', { name: 'Catalog' });
    expect(
      within(catalog)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('orders-api'), expect.stringContaining('orders-service')]);
    expect(within(listbox).getByRole('group', { name: 'Documentation' })).toHaveTextContent('Orders runbook');
    expect(
      within(listbox)
        .getAllByRole('group')
        .map((group) => group.firstChild?.textContent),
    ).toEqual(['Catalog', 'Documentation']);
    // The highlighted word is marked; the document's markup stays text.
    expect(within(catalog).getAllByRole('option')[0].querySelector('mark')).toHaveTextContent('orders');
    expect(listbox.querySelector('script')).toBeNull();
    // Debounced: the typing of six letters sent one request, for the whole word.
    expect(calls.map((c) => c.url.searchParams.get('term'))).toEqual(['orders']);
    expect(calls.at(-1)!.url.searchParams.get('pageLimit')).toBe('10');
  });

  it('moves through the results with the arrow keys and opens the chosen one with Enter', async () => {
    const { location } = renderHeader();
    const box = screen.getByRole('combobox', { name: 'Search Greenroom' });
    await userEvent.type(box, 'orders');
    await screen.findAllByRole('option');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const second = screen.getAllByRole('option')[1];
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', second.id);
    await userEvent.keyboard('{Enter}');
    expect(location().pathname).toBe('/catalog/default/component/orders-service');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens the results page for the term when Enter is pressed with no result chosen', async () => {
    const { location } = renderHeader();
    await userEvent.type(screen.getByRole('combobox', { name: 'Search Greenroom' }), 'kind:api orders{Enter}');
    expect(location()).toEqual({ pathname: '/search', search: '?query=kind%3Aapi%20orders' });
  });

  it('closes the results with Escape', async () => {
    renderHeader();
    await userEvent.type(screen.getByRole('combobox', { name: 'Search Greenroom' }), 'orders');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Search Greenroom' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('is focused by / and Ctrl-K from the page, but / typed in another field stays in that field', async () => {
    renderHeader();
    const box = screen.getByRole('combobox', { name: 'Search Greenroom' });
    await userEvent.keyboard('/');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('');

    const other = screen.getByRole('textbox', { name: 'Other field' });
    await userEvent.click(other);
    await userEvent.keyboard('a/b');
    expect(other).toHaveFocus();
    expect(other).toHaveValue('a/b');

    await userEvent.click(document.body);
    await userEvent.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(box).toHaveFocus());
  });
});
