import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, respond, renderWithApp, starredApi } from '../../testing/renderWithApp';
import EntityPage from './EntityPage';

const ENTITY_ROUTE = '/catalog/:namespace/:kind/:name/*';

const orphan = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'old-job', namespace: 'default', uid: 'uid-42', annotations: { 'backstage.io/orphan': 'true' } },
  spec: { type: 'service', lifecycle: 'deprecated', owner: 'team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  status: {
    items: [{ type: 'backstage.io/catalog-processing', level: 'error', message: 'catalog-info.yaml:7: spec.owner: must be a string' }],
  },
};

const api = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api', namespace: 'default', title: 'Orders API' },
  spec: { type: 'graphql', lifecycle: 'production', owner: 'team-a', definition: 'type Query { order(id: ID!): String }' },
  relations: [],
};

describe('EntityPage', () => {
  it('says clearly that an entity does not exist, with a way back to the catalog', async () => {
    mockApi({ ...starredApi([]) });
    renderWithApp(<EntityPage />, { url: '/catalog/default/component/nope', path: ENTITY_ROUTE });
    expect(await screen.findByText('There is no component named default/nope in the catalog')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the catalog' })).toHaveAttribute('href', '/catalog');
  });

  it('shows the server’s message when the entity cannot be loaded', async () => {
    mockApi({
      'GET /api/catalog/entities/by-name/component/default/x': respond(500, { error: { name: 'Error', message: 'database is locked' } }),
    });
    renderWithApp(<EntityPage />, { url: '/catalog/default/component/x', path: ENTITY_ROUTE });
    expect(await screen.findByRole('alert')).toHaveTextContent('database is locked');
  });

  it('shows processing errors and the orphan state, and deletes the orphan on request', async () => {
    const { calls } = mockApi({
      ...starredApi([]),
      'GET /api/catalog/entities/by-name/component/default/old-job': orphan,
      'DELETE /api/catalog/entities/by-uid/uid-42': respond(204),
    });
    const { location } = renderWithApp(<EntityPage />, { url: '/catalog/default/component/old-job', path: ENTITY_ROUTE });
    expect(await screen.findByText('Processing error')).toBeInTheDocument();
    expect(screen.getByText('catalog-info.yaml:7: spec.owner: must be a string')).toBeInTheDocument();
    const banner = screen.getByText('This entity is an orphan').closest('[role="alert"]') as HTMLElement;
    // Enabled once the policy has allowed it.
    await vi.waitFor(() => expect(within(banner).getByRole('button', { name: 'Delete entity' })).toBeEnabled());
    await userEvent.click(within(banner).getByRole('button', { name: 'Delete entity' }));
    await vi.waitFor(() => expect(location().pathname).toBe('/catalog'));
    expect(calls.some((c) => c.method === 'DELETE' && c.url.pathname === '/api/catalog/entities/by-uid/uid-42')).toBe(true);
  });

  it('offers the tabs that apply to the kind, each at its own sub-path', async () => {
    mockApi({ ...starredApi([]), 'GET /api/catalog/entities/by-name/api/default/orders-api': api });
    renderWithApp(<EntityPage />, { url: '/catalog/default/api/orders-api/definition', path: ENTITY_ROUTE });
    const tabs = await screen.findByRole('tablist', { name: 'Entity views' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Overview', 'Definition', 'YAML']);
    expect(within(tabs).getByRole('tab', { name: 'Definition' })).toHaveAttribute('aria-selected', 'true');
    expect(within(tabs).getByRole('tab', { name: 'YAML' })).toHaveAttribute('href', '/catalog/default/api/orders-api/yaml');
    // The GraphQL definition is shown as highlighted source.
    const source = await screen.findByLabelText('Definition (graphql)');
    expect(source).toHaveTextContent('type Query { order(id: ID!): String }');
    expect(source.querySelector('.hljs-keyword')).not.toBeNull();
  });
});
