import type { Entity } from '@greenroom/model';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import AboutCard from './AboutCard';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-service',
    description: 'Takes orders.\nSecond line <script>window.hacked = true</script><img src=x onerror="window.hacked=true">',
    labels: { tier: 'critical' },
    links: [
      { url: 'https://grafana.example/d/orders', title: 'Service dashboard', icon: 'dashboard' },
      { url: 'javascript:alert(document.cookie)', title: 'Innocent link' },
      { url: 'https://runbooks.example/orders' },
    ],
    annotations: {
      'backstage.io/source-location': 'url:https://github.com/northwind/orders-service/tree/main/',
      'backstage.io/edit-url': 'https://github.com/northwind/orders-service/edit/main/catalog-info.yaml',
      'backstage.io/managed-by-location': 'url:https://github.com/northwind/orders-service/blob/main/catalog-info.yaml',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments', system: 'checkout' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-payments' },
    { type: 'partOf', targetRef: 'system:default/checkout' },
  ],
};

describe('AboutCard', () => {
  it('shows the description as text, line breaks kept, and nothing in it runs', () => {
    mockApi({});
    renderWithApp(<AboutCard entity={component} />);
    const card = screen.getByRole('region', { name: 'About' });
    const description = within(card).getByText(/Takes orders\./);
    expect(description.textContent).toContain('Takes orders.\nSecond line <script>window.hacked = true</script><img src=x');
    expect(getComputedStyle(description).whiteSpace).toBe('pre-wrap');
    expect(card.querySelector('script, img')).toBeNull();
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('lists links; a javascript: link is shown but cannot be clicked', () => {
    mockApi({});
    renderWithApp(<AboutCard entity={component} />);
    const links = screen.getByRole('list', { name: 'Links' });
    expect(within(links).getByRole('link', { name: 'Service dashboard' })).toHaveAttribute('href', 'https://grafana.example/d/orders');
    // A link without a title reads as its address.
    expect(within(links).getByRole('link', { name: 'https://runbooks.example/orders' })).toBeInTheDocument();
    expect(within(links).getByText('Innocent link')).toBeInTheDocument();
    expect(within(links).queryByRole('link', { name: 'Innocent link' })).toBeNull();
    expect(screen.getByText('Innocent link').closest('a')).toBeNull();
  });

  it('links to the source, the edit page and the location it was read from, and shows labels and spec facts', () => {
    mockApi({});
    renderWithApp(<AboutCard entity={component} />);
    expect(screen.getByRole('link', { name: 'View source' })).toHaveAttribute(
      'href',
      'https://github.com/northwind/orders-service/tree/main/',
    );
    expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute(
      'href',
      'https://github.com/northwind/orders-service/edit/main/catalog-info.yaml',
    );
    expect(screen.getByRole('link', { name: /blob\/main\/catalog-info\.yaml/ })).toHaveAttribute(
      'href',
      'https://github.com/northwind/orders-service/blob/main/catalog-info.yaml',
    );
    expect(screen.getByText('tier: critical')).toBeInTheDocument();
    expect(screen.getByText('Lifecycle').nextElementSibling).toHaveTextContent('production');
    expect(screen.getByRole('link', { name: 'team-payments' })).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(screen.getByRole('link', { name: 'checkout' })).toHaveAttribute('href', '/catalog/default/system/checkout');
  });

  it('prefers view-url over the source location, never links a file: location, and names the kind-specific type', () => {
    mockApi({});
    const resource: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'orders-db',
        annotations: {
          'backstage.io/view-url': 'https://git.example/orders-db',
          'backstage.io/source-location': 'url:https://github.com/elsewhere/',
          'backstage.io/managed-by-location': 'file:/srv/catalog/resources.yaml',
        },
      },
      spec: { type: 'database' },
    };
    renderWithApp(<AboutCard entity={resource} />);
    expect(screen.getByRole('link', { name: 'View source' })).toHaveAttribute('href', 'https://git.example/orders-db');
    expect(screen.getByText('file:/srv/catalog/resources.yaml').closest('a')).toBeNull();
    expect(screen.getByText('Resource type').nextElementSibling).toHaveTextContent('database');
    expect(screen.getByText('No description.')).toBeInTheDocument();
  });
});
