import type { Entity } from '@greenroom/model';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import RelationsCard from './RelationsCard';

const entity = (relations: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service' },
  relations,
});

/** The targets listed under a relation title, in order. */
function targetsUnder(title: string): string[] {
  const items: string[] = [];
  let node = screen.getByText(title, { selector: 'dt' }).nextElementSibling;
  while (node && node.tagName === 'DD') {
    items.push(node.textContent ?? '');
    node = node.nextElementSibling;
  }
  return items;
}

describe('RelationsCard', () => {
  it('groups relations under human titles, in reading order, each target a link titled from the catalog', async () => {
    const { calls } = mockApi({
      'POST /api/catalog/entities/by-refs': (_url: URL, init: RequestInit) => ({
        items: (JSON.parse(String(init.body)).entityRefs as string[]).map((ref) =>
          ref === 'component:default/cart-service'
            ? { kind: 'Component', metadata: { name: 'cart-service', title: 'Cart service' } }
            : ref === 'resource:default/gone-db'
              ? null
              : { kind: ref.split(':')[0], metadata: { name: ref.split('/')[1] } },
        ),
      }),
    });
    const orders = entity([
      { type: 'dependsOn', targetRef: 'resource:default/orders-db' },
      { type: 'ownedBy', targetRef: 'group:default/team-payments' },
      { type: 'dependsOn', targetRef: 'component:default/cart-service' },
      { type: 'dependsOn', targetRef: 'resource:default/gone-db' },
      { type: 'providesApi', targetRef: 'api:default/orders-api' },
      { type: 'hasMember', targetRef: 'user:default/ada' },
      { type: 'somethingCustom', targetRef: 'component:default/other' },
    ]);
    renderWithApp(<RelationsCard entity={orders} />);

    const card = screen.getByRole('region', { name: 'Relations' });
    const titles = [...card.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(titles).toEqual(['Owned by', 'Provides APIs', 'Depends on', 'Has members', 'somethingCustom']);

    expect(await within(card).findByRole('link', { name: 'Cart service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
    expect(targetsUnder('Depends on')).toEqual(['Cart servicecomponent', 'gone-dbresourcenot in the catalog', 'orders-dbresource']);
    expect(within(card).getByRole('link', { name: 'team-payments' })).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(within(card).getByRole('link', { name: 'ada' })).toHaveAttribute('href', '/catalog/default/user/ada');
    // One request for every target's title.
    expect(calls.filter((c) => c.url.pathname === '/api/catalog/entities/by-refs')).toHaveLength(1);
  });

  it('shortens a long group until asked, and says when there are no relations', async () => {
    mockApi({ 'POST /api/catalog/entities/by-refs': { items: [] } });
    const parts = Array.from({ length: 11 }, (_, i) => ({
      type: 'hasPart',
      targetRef: `component:default/part-${String(i).padStart(2, '0')}`,
    }));
    const { unmount } = renderWithApp(<RelationsCard entity={entity(parts)} />);
    expect(targetsUnder('Has parts')).toHaveLength(9); // eight targets and the button
    await userEvent.click(screen.getByRole('button', { name: 'Show 3 more' }));
    expect(targetsUnder('Has parts')).toHaveLength(11);
    unmount();

    renderWithApp(<RelationsCard entity={entity([])} />);
    expect(screen.getByText('No relations')).toBeInTheDocument();
  });
});
