import type { Entity } from '@greenroom/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EntityGraph } from '../../../api/catalog';
import { mockApi, renderWithApp, respond } from '../../../testing/renderWithApp';
import EntityGraphCard from './EntityGraphCard';
import { installXyflowJsdomShims } from './xyflowJsdomShims';

beforeAll(installXyflowJsdomShims);

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service', title: 'Orders service' },
  spec: { type: 'service', owner: 'team-payments' },
};

const graph: EntityGraph = {
  root: 'component:default/orders-service',
  nodes: [
    {
      entityRef: 'component:default/orders-service',
      kind: 'Component',
      namespace: 'default',
      name: 'orders-service',
      title: 'Orders service',
      type: 'service',
      depth: 0,
    },
    {
      entityRef: 'component:default/cart-service',
      kind: 'Component',
      namespace: 'default',
      name: 'cart-service',
      title: 'Cart service',
      type: 'service',
      depth: 1,
    },
    { entityRef: 'api:default/orders-api', kind: 'API', namespace: 'default', name: 'orders-api', type: 'openapi', depth: 1 },
    { entityRef: 'resource:default/ghost-db', kind: 'resource', namespace: 'default', name: 'ghost-db', depth: 1, missing: true },
  ],
  edges: [
    { source: 'component:default/orders-service', target: 'component:default/cart-service', type: 'dependsOn' },
    { source: 'component:default/orders-service', target: 'api:default/orders-api', type: 'providesApi' },
    { source: 'component:default/orders-service', target: 'resource:default/ghost-db', type: 'dependsOn' },
  ],
  truncated: false,
};

/** The select menus make some tests slow on a busy machine; they are not about speed. */
const SLOW = { timeout: 20_000 };

const graphRequests = (calls: ReturnType<typeof mockApi>['calls']) => calls.filter((c) => c.url.pathname === '/api/catalog/graph');

describe('EntityGraphCard', () => {
  it('asks for the neighbourhood without ownership and draws every entity, the root highlighted', SLOW, async () => {
    const { calls } = mockApi({ 'GET /api/catalog/graph': graph });
    renderWithApp(<EntityGraphCard entity={orders} />);

    const area = await screen.findByTestId('entity-graph');
    await waitFor(() => expect(area.querySelectorAll('.react-flow__node')).toHaveLength(4));
    const refs = [...area.querySelectorAll('.react-flow__node [data-entity-ref]')].map((el) => el.getAttribute('data-entity-ref'));
    expect(refs.sort()).toEqual(graph.nodes.map((n) => n.entityRef).sort());
    expect(within(area).getByRole('link', { name: /Orders service/ })).toHaveAttribute('aria-current', 'page');
    // A node without a title is labelled with its kind and name.
    expect(within(area).getByRole('link', { name: /API · openapi\s*orders-api/ })).toBeInTheDocument();

    const params = graphRequests(calls)[0].url.searchParams;
    expect(params.get('root')).toBe('component:default/orders-service');
    expect(params.get('depth')).toBe('1');
    expect(params.get('direction')).toBe('both');
    expect(params.get('relations')?.split(',')).toEqual(['dependsOn', 'providesApi', 'consumesApi', 'partOf', 'childOf', 'memberOf']);
  });

  it('opens an entity when its node is clicked, or focused and Enter pressed; a missing entity is no link', SLOW, async () => {
    mockApi({ 'GET /api/catalog/graph': graph });
    const { location } = renderWithApp(<EntityGraphCard entity={orders} />, { url: '/catalog/default/component/orders-service' });
    const area = await screen.findByTestId('entity-graph');

    await userEvent.click(await within(area).findByRole('link', { name: /Cart service/ }));
    expect(location().pathname).toBe('/catalog/default/component/cart-service');

    const ghost = area.querySelector('[data-entity-ref="resource:default/ghost-db"]')!;
    expect(ghost.closest('a')).toBeNull();
    expect(ghost).toHaveTextContent('not in the catalog');

    within(area)
      .getByRole('link', { name: /orders-api/ })
      .focus();
    await userEvent.keyboard('{Enter}');
    expect(location().pathname).toBe('/catalog/default/api/orders-api');
  });

  it('asks again when depth, direction or relation types change', SLOW, async () => {
    const { calls } = mockApi({ 'GET /api/catalog/graph': graph });
    renderWithApp(<EntityGraphCard entity={orders} />);
    await screen.findAllByRole('link', { name: /Cart service/ });

    await userEvent.click(screen.getByRole('combobox', { name: 'Depth' }));
    await userEvent.click(screen.getByRole('option', { name: '3' }));
    await waitFor(() => expect(graphRequests(calls).at(-1)!.url.searchParams.get('depth')).toBe('3'));

    await userEvent.click(screen.getByRole('combobox', { name: 'Direction' }));
    await userEvent.click(screen.getByRole('option', { name: /Outgoing/ }));
    await waitFor(() => expect(graphRequests(calls).at(-1)!.url.searchParams.get('direction')).toBe('out'));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Owned by / owner of' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Depends on / dependency of' }));
    await waitFor(() =>
      expect(graphRequests(calls).at(-1)!.url.searchParams.get('relations')?.split(',')).toEqual([
        'providesApi',
        'consumesApi',
        'partOf',
        'ownedBy',
        'childOf',
        'memberOf',
      ]),
    );
  });

  it('explains an error, an entity without relations, a cut-short graph and an empty choice of relations', SLOW, async () => {
    mockApi({
      'GET /api/catalog/graph': respond(400, { error: { name: 'InputError', message: 'depth: must be an integer from 1 to 10' } }),
    });
    const first = renderWithApp(<EntityGraphCard entity={orders} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The graph could not be loaded');
    expect(screen.getByRole('alert')).toHaveTextContent('depth: must be an integer from 1 to 10');
    first.unmount();

    mockApi({ 'GET /api/catalog/graph': { ...graph, nodes: graph.nodes.slice(0, 1), edges: [] } });
    const second = renderWithApp(<EntityGraphCard entity={orders} />);
    expect(await screen.findByText('Only this entity')).toBeInTheDocument();
    for (const box of screen.getAllByRole('checkbox')) if ((box as HTMLInputElement).checked) await userEvent.click(box);
    expect(await screen.findByText('Choose at least one relation type')).toBeInTheDocument();
    second.unmount();

    mockApi({ 'GET /api/catalog/graph': { ...graph, truncated: true } });
    renderWithApp(<EntityGraphCard entity={orders} />);
    expect(await screen.findByText(/The graph was cut short/)).toBeInTheDocument();
  });
});
