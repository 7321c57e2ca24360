import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp, starredApi } from '../../testing/renderWithApp';
import DocsIndexPage from './DocsIndexPage';
import type { DocumentedEntity } from './api';

const item = (name: string, owner: string, extra: Partial<DocumentedEntity> = {}): DocumentedEntity => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
  owner,
  description: `About ${name}`,
  state: 'built',
  builtAt: '2026-11-20T10:00:00.000Z',
  ...extra,
});

const everything = [
  item('billing', 'group:default/team-a'),
  item('ledger', 'group:default/team-a', { state: 'failed' }),
  item('orders', 'group:default/team-b', { state: 'building', builtAt: undefined }),
];

const refsIn = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('data-entity-ref'));

describe('DocsIndexPage', () => {
  it('lists every documented entity with its build state, starred ones first, each linking to its docs', async () => {
    mockApi({ ...starredApi(['component:default/orders']), 'GET /api/techdocs/entities': { items: everything } });
    renderWithApp(<DocsIndexPage />, { url: '/docs' });

    const starred = await screen.findByRole('table', { name: 'Starred' });
    expect(refsIn(starred)).toEqual(['component:default/orders']);
    expect(within(starred).getByText('Building')).toBeInTheDocument();
    const all = screen.getByRole('table', { name: 'All documentation' });
    expect(refsIn(all)).toEqual(['component:default/billing', 'component:default/ledger']);
    expect(within(all).getByText('Build failed')).toBeInTheDocument();
    expect(within(all).getByRole('link', { name: 'billing' })).toHaveAttribute('href', '/catalog/default/component/billing/docs/');
  });

  it('filters by owner and kind on the server, offering the owners and kinds of all documentation', async () => {
    const { calls } = mockApi({
      ...starredApi([]),
      'GET /api/techdocs/entities': (url: URL) => ({
        items: everything.filter((i) => !url.searchParams.get('owner') || i.owner === url.searchParams.get('owner')),
      }),
    });
    const { location } = renderWithApp(<DocsIndexPage />, { url: '/docs?kind=component' });
    await screen.findByRole('table', { name: 'Documentation' });

    await userEvent.click(screen.getByRole('combobox', { name: 'Owner' }));
    await userEvent.click(await screen.findByRole('option', { name: 'team-b (1)' }));

    expect(new URLSearchParams(location().search).get('owner')).toBe('group:default/team-b');
    await screen.findByText('About orders');
    expect(refsIn(screen.getByRole('table', { name: 'Documentation' }))).toEqual(['component:default/orders']);
    const filtered = calls.filter((c) => c.url.pathname === '/api/techdocs/entities' && c.url.search).at(-1)!;
    expect(Object.fromEntries(filtered.url.searchParams)).toEqual({ kind: 'component', owner: 'group:default/team-b' });
  });

  it('says so when nothing matches', async () => {
    mockApi({ ...starredApi([]), 'GET /api/techdocs/entities': { items: [] } });
    renderWithApp(<DocsIndexPage />, { url: '/docs?owner=group:default/nobody' });
    expect(await screen.findByText('No documentation matches these filters')).toBeInTheDocument();
  });
});
