import type { Entity } from '@greenroom/model';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp, respond } from '../../testing/renderWithApp';
import { ConsumedApisCard, ProvidedApisCard, ProvidersAndConsumersCard } from './ApiCards';

const catalog: Record<string, Entity> = {
  'api:default/orders-api': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders-api', title: 'Orders API', description: 'Place and cancel orders.' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-payments' },
  },
  'api:default/payments-api': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments-api' },
    spec: { type: 'openapi', lifecycle: 'experimental', owner: 'group:finance/payments' },
  },
  'component:default/storefront-web': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront-web', title: 'Storefront' },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-storefront' },
  },
};

/** Answers by-refs from the little catalog above, null for anything else, as the server does. */
const byRefs = (_url: URL, init: RequestInit) => ({
  items: (JSON.parse(String(init.body)).entityRefs as string[]).map((ref) => catalog[ref] ?? null),
});

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service' },
  relations: [
    { type: 'providesApi', targetRef: 'api:default/orders-api' },
    { type: 'consumesApi', targetRef: 'api:default/payments-api' },
    { type: 'consumesApi', targetRef: 'api:default/retired-api' },
  ],
};

const rowOf = (table: HTMLElement, name: string) => within(table).getByRole('link', { name }).closest('tr')!;

describe('API cards', () => {
  it("list a component's provided and consumed APIs with type, lifecycle and owner", async () => {
    mockApi({ 'POST /api/catalog/entities/by-refs': byRefs });
    renderWithApp(
      <>
        <ProvidedApisCard entity={orders} />
        <ConsumedApisCard entity={orders} />
      </>,
    );
    const provided = await screen.findByRole('table', { name: 'Provided APIs' });
    const row = rowOf(provided, 'Orders API');
    expect(within(row).getByRole('link', { name: 'Orders API' })).toHaveAttribute('href', '/catalog/default/api/orders-api');
    expect(row).toHaveTextContent('Place and cancel orders.');
    expect(row).toHaveTextContent('openapi');
    expect(row).toHaveTextContent('production');
    expect(within(row).getByRole('link', { name: 'team-payments' })).toHaveAttribute('href', '/catalog/default/group/team-payments');

    const consumed = await screen.findByRole('table', { name: 'Consumed APIs' });
    expect(within(rowOf(consumed, 'payments-api')).getByRole('link', { name: 'finance/payments' })).toHaveAttribute(
      'href',
      '/catalog/finance/group/payments',
    );
    expect(rowOf(consumed, 'retired-api')).toHaveTextContent('not in the catalog');
  });

  it("list an API's providers and consumers, and say when there are none", async () => {
    mockApi({ 'POST /api/catalog/entities/by-refs': byRefs });
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'search-graphql' },
      relations: [{ type: 'apiConsumedBy', targetRef: 'component:default/storefront-web' }],
    };
    renderWithApp(<ProvidersAndConsumersCard entity={api} />);
    const consumers = await screen.findByRole('table', { name: 'Consumers' });
    expect(rowOf(consumers, 'Storefront')).toHaveTextContent('website');
    expect(screen.getByText('No component provides this API.')).toBeInTheDocument();
  });

  it('explain a failed lookup', async () => {
    mockApi({
      'POST /api/catalog/entities/by-refs': respond(503, { error: { name: 'ServiceUnavailable', message: 'catalog is starting' } }),
    });
    renderWithApp(<ProvidedApisCard entity={orders} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Provided APIs could not be loaded');
    expect(screen.getByRole('alert')).toHaveTextContent('catalog is starting');
  });
});
