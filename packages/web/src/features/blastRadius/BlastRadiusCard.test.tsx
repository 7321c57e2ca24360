import type { Entity } from '@greenroom/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EntityGraph } from '../../api/catalog';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import { installXyflowJsdomShims } from '../entity/graph/xyflowJsdomShims';
import BlastRadiusCard from './BlastRadiusCard';

beforeAll(installXyflowJsdomShims);

const ordersService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service' },
  spec: { type: 'service', owner: 'team-payments' },
};

const node = (entityRef: string, depth: number, title?: string) => {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  return { entityRef, kind, namespace, name, title, depth };
};

// As the server answers for the demo catalog: the service provides orders-api, consumed by two services.
const graph: EntityGraph = {
  root: 'component:default/orders-service',
  truncated: false,
  nodes: [
    node('component:default/orders-service', 0),
    node('api:default/orders-api', 1, 'Orders API'),
    node('component:default/storefront-web', 2),
    node('component:default/shipping-service', 2),
    node('api:default/shipping-grpc', 3),
  ],
  edges: [
    { source: 'component:default/orders-service', target: 'api:default/orders-api', type: 'providesApi' },
    { source: 'api:default/orders-api', target: 'component:default/shipping-service', type: 'apiConsumedBy' },
    { source: 'api:default/orders-api', target: 'component:default/storefront-web', type: 'apiConsumedBy' },
    { source: 'component:default/shipping-service', target: 'api:default/shipping-grpc', type: 'providesApi' },
  ],
};

describe('BlastRadiusCard', () => {
  it('lists the affected entities grouped by distance, asking the graph for dependents along the chosen depth', async () => {
    const { calls } = mockApi({ 'GET /api/catalog/graph': graph });
    renderWithApp(<BlastRadiusCard entity={ordersService} />);
    const direct = await screen.findByRole('region', { name: 'Direct (1)' });
    expect(within(direct).getByRole('link', { name: 'Orders API' })).toHaveAttribute('href', '/catalog/default/api/orders-api');
    const twoHops = screen.getByRole('region', { name: '2 hops (2)' });
    expect(
      within(twoHops)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['shipping-service', 'storefront-web']);
    expect(screen.getByRole('region', { name: '3 hops (1)' })).toHaveTextContent('shipping-grpc');
    expect(screen.getByRole('region', { name: 'Blast radius' })).toHaveTextContent('4 entities could be affected by a change');
    // The root itself is not one of its own dependents.
    expect(screen.queryByRole('link', { name: 'orders-service' })).toBeNull();

    const sent = calls[0].url.searchParams;
    expect(sent.get('root')).toBe('component:default/orders-service');
    expect(sent.get('direction')).toBe('out');
    expect(sent.get('relations')).toBe('dependencyOf,providesApi,apiConsumedBy');
    expect(sent.get('depth')).toBe('2');

    await userEvent.click(screen.getByRole('combobox', { name: 'Hops' }));
    await userEvent.click(screen.getByRole('option', { name: '5' }));
    await waitFor(() => expect(calls.at(-1)!.url.searchParams.get('depth')).toBe('5'));
  });

  it('draws the same entities on the graph when asked', async () => {
    mockApi({ 'GET /api/catalog/graph': graph });
    renderWithApp(<BlastRadiusCard entity={ordersService} />);
    await screen.findByRole('region', { name: 'Direct (1)' });
    await userEvent.click(screen.getByRole('switch', { name: 'Show on graph' }));
    const drawn = await screen.findByTestId('blast-radius-graph');
    await waitFor(() => expect(drawn).toHaveTextContent('shipping-grpc'));
    expect(drawn).toHaveTextContent('Orders API');
    expect(screen.queryByRole('region', { name: 'Direct (1)' })).toBeNull();
  });

  it('says so when nothing depends on the entity', async () => {
    mockApi({ 'GET /api/catalog/graph': { ...graph, nodes: [graph.nodes[0]], edges: [] } });
    renderWithApp(<BlastRadiusCard entity={ordersService} />);
    expect(await screen.findByText('Nothing depends on this entity')).toBeInTheDocument();
  });
});
