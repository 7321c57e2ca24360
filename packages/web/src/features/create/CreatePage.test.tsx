import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp, starredApi } from '../../testing/renderWithApp';
import CreatePage from './CreatePage';

const template = (name: string, title: string, type: string, tags: string[]) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, namespace: 'default', title, description: `${title} from a golden path`, tags },
  spec: { type, owner: 'group:default/platform' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
});

const service = template('node-service', 'Node.js service', 'service', ['node', 'recommended']);
const website = template('static-site', 'Static website', 'website', ['web']);

describe('CreatePage', () => {
  it('lists templates with what they make, filters by tag, owner and type, starred first, and Choose opens the wizard', async () => {
    const { calls } = mockApi({
      ...starredApi(['template:default/static-site']),
      'POST /api/catalog/entities/by-refs': { items: [website] },
      'GET /api/catalog/entities/by-query': (url: URL) => {
        const filter = url.searchParams.get('filter') ?? '';
        const items = [service, website].filter((t) => !filter.includes('spec.type=') || filter.includes(`spec.type=${t.spec.type}`));
        return { items, totalItems: items.length, pageInfo: {} };
      },
      'GET /api/catalog/entity-facets': {
        facets: {
          'metadata.tags': [
            { value: 'node', count: 1 },
            { value: 'web', count: 1 },
          ],
          'relations.ownedBy': [{ value: 'group:default/platform', count: 2 }],
          'spec.type': [
            { value: 'service', count: 1 },
            { value: 'website', count: 1 },
          ],
        },
      },
    });
    const { location } = renderWithApp(<CreatePage />, { url: '/create' });

    // The starred template comes first.
    await vi.waitFor(() =>
      expect(screen.getAllByRole('article').map((c) => c.getAttribute('aria-label'))).toEqual(['Static website', 'Node.js service']),
    );
    const node = screen.getByRole('article', { name: 'Node.js service' });
    expect(node).toHaveTextContent('Node.js service from a golden path');
    expect(node).toHaveTextContent('Owner: platform');
    expect(node).toHaveTextContent('Type: service');
    expect(within(node).getByText('recommended')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Templates' })).toHaveAttribute('aria-selected', 'true');

    await userEvent.click(screen.getByRole('combobox', { name: 'Type' }));
    await userEvent.click(await screen.findByRole('option', { name: /website/ }));
    await vi.waitFor(() => expect(screen.queryByRole('article', { name: 'Node.js service' })).not.toBeInTheDocument());
    expect(location().search).toBe('?type=website');
    const queried = calls.filter((c) => c.url.pathname === '/api/catalog/entities/by-query').at(-1);
    expect(queried?.url.searchParams.get('filter')).toBe('kind=template,spec.type=website');

    await userEvent.click(screen.getByRole('combobox', { name: 'Tag' }));
    await userEvent.click(await screen.findByRole('option', { name: /web/ }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    await userEvent.click(await screen.findByRole('option', { name: /platform/ }));
    await vi.waitFor(() =>
      expect(
        calls
          .filter((c) => c.url.pathname === '/api/catalog/entities/by-query')
          .at(-1)
          ?.url.searchParams.get('filter'),
      ).toBe('kind=template,metadata.tags=web,relations.ownedBy=group:default/platform,spec.type=website'),
    );

    await userEvent.click(
      within(screen.getByRole('article', { name: 'Static website' })).getByRole('link', { name: 'Choose Static website' }),
    );
    expect(location().pathname).toBe('/create/templates/default/static-site');
  });
});
