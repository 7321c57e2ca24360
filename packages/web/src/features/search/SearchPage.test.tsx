import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import SearchPage from './SearchPage';

describe('SearchPage', () => {
  it('searches the term from the URL and shows results as inert text', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entities/by-query': {
        items: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-api', namespace: 'default', description: '<script>window.__xss=1</script>Moves money' },
            spec: { type: 'service' },
          },
        ],
        totalItems: 1,
        pageInfo: {},
      },
    });
    renderWithApp(<SearchPage />, { url: '/search?query=paym' });
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getByRole('link', { name: 'payments-api' })).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(results).toHaveTextContent('<script>window.__xss=1</script>Moves money');
    expect(document.querySelector('script')).toBeNull();
    expect(calls[0].url.searchParams.get('fullTextFilterTerm')).toBe('paym');
    expect(screen.getByRole('status')).toHaveTextContent('1 result');
  });
});
