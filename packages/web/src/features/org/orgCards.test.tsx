import type { Entity } from '@greenroom/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EntityGraph } from '../../api/catalog';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import MembersCard from './MembersCard';
import OwnedEntitiesCard from './OwnedEntitiesCard';
import { GroupProfileCard, UserProfileCard } from './ProfileCard';

const entity = (kind: string, name: string, extra: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, ...extra.metadata },
  spec: extra.spec,
  relations: extra.relations,
});

const engineering = entity('Group', 'engineering', {
  metadata: { name: 'engineering', description: 'Everyone who builds.\n<b>not bold</b>' },
  spec: {
    type: 'department',
    profile: { displayName: 'Engineering', email: 'engineering@northwind.example', picture: 'javascript:alert(1)' },
  },
  relations: [
    { type: 'childOf', targetRef: 'group:default/company' },
    { type: 'parentOf', targetRef: 'group:default/team-payments' },
    { type: 'parentOf', targetRef: 'group:default/team-data' },
    { type: 'hasMember', targetRef: 'user:default/maria.okafor' },
    { type: 'hasMember', targetRef: 'user:default/left.company' },
  ],
});

const catalog: Record<string, Entity> = {
  'group:default/company': entity('Group', 'company', { metadata: { name: 'company', title: 'Northwind' } }),
  'group:default/team-payments': entity('Group', 'team-payments', {
    spec: { profile: { displayName: 'Payments', email: 'payments@northwind.example' } },
  }),
  'group:default/team-data': entity('Group', 'team-data', { spec: { profile: { displayName: 'Data' } } }),
  'user:default/maria.okafor': entity('User', 'maria.okafor', {
    spec: { profile: { displayName: 'Maria Okafor', email: 'maria.okafor@northwind.example' } },
  }),
};

const byRefs = (_url: URL, init: RequestInit) => ({
  items: (JSON.parse(String(init.body)).entityRefs as string[]).map((ref) => catalog[ref] ?? null),
});

describe('group profile card', () => {
  it('shows the team, its email, its parent and its child teams; picture and description stay inert', async () => {
    mockApi({ 'POST /api/catalog/entities/by-refs': byRefs });
    const { container } = renderWithApp(<GroupProfileCard entity={engineering} />);
    const card = screen.getByRole('region', { name: 'Team' });
    expect(within(card).getByText('Engineering')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'engineering@northwind.example' })).toHaveAttribute(
      'href',
      'mailto:engineering@northwind.example',
    );
    expect(within(card).getByText(/<b>not bold<\/b>/)).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull(); // the javascript: picture is not used

    const parent = await within(card).findByRole('list', { name: 'Parent team' });
    expect(within(parent).getByRole('link', { name: 'Northwind' })).toHaveAttribute('href', '/catalog/default/group/company');
    const children = await within(card).findByRole('list', { name: 'Child teams' });
    expect(
      within(children)
        .getAllByRole('link', { name: /^(Payments|Data)$/ })
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/catalog/default/group/team-data', '/catalog/default/group/team-payments']);
  });
});

describe('members card', () => {
  it('lists direct members with name and email, linked to their pages', async () => {
    mockApi({ 'POST /api/catalog/entities/by-refs': byRefs });
    renderWithApp(<MembersCard entity={engineering} />);
    const list = await screen.findByRole('list', { name: 'Members' });
    expect(within(list).getByRole('link', { name: 'Maria Okafor' })).toHaveAttribute('href', '/catalog/default/user/maria.okafor');
    expect(within(list).getByRole('link', { name: 'maria.okafor@northwind.example' })).toHaveAttribute(
      'href',
      'mailto:maria.okafor@northwind.example',
    );
    // A member the catalog no longer has is listed, and said to be missing.
    expect(within(list).getByRole('link', { name: 'left.company' }).closest('li')).toHaveTextContent('not in the catalog');
    expect(screen.getByText('2 direct members')).toBeInTheDocument();
  });
});

describe('owned entities card', () => {
  const owned = (name: string, kind: string, owner: string) => ({ kind, metadata: { name, namespace: 'default' }, spec: { owner } });
  const everything = [
    owned('cart-service', 'Component', 'group:default/team-payments'),
    owned('engineering-handbook', 'Component', 'group:default/engineering'),
    owned('orders-api', 'API', 'group:default/team-payments'),
    owned('warehouse', 'System', 'group:default/team-data'),
  ];
  /** A small catalog query engine: `relations.ownedBy` and `kind` filters, values within one key OR-ed. */
  const byQuery = (url: URL) => {
    const conditions = (url.searchParams.get('filter') ?? '').split(',').map((c) => c.split('='));
    const wanted = (key: string) => conditions.filter(([k]) => k === key).map(([, v]) => v.toLowerCase());
    const owners = wanted('relations.ownedBy');
    const kinds = wanted('kind');
    const items = everything.filter((e) => owners.includes(e.spec.owner) && (kinds.length === 0 || kinds.includes(e.kind.toLowerCase())));
    return { items, totalItems: items.length, pageInfo: {} };
  };
  const facets = (url: URL) => {
    const counts = new Map<string, number>();
    for (const e of byQuery(url).items) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return { facets: { kind: [...counts].map(([value, count]) => ({ value, count })) } };
  };
  const subTeams: EntityGraph = {
    root: 'group:default/engineering',
    nodes: ['engineering', 'team-payments', 'team-data'].map((name, depth) => ({
      entityRef: `group:default/${name}`,
      kind: 'Group',
      namespace: 'default',
      name,
      depth: Math.min(depth, 1),
    })),
    edges: [],
    truncated: false,
  };

  it("lists what the team owns with a count per kind, and with its sub-teams' entities when asked", async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entities/by-query': byQuery,
      'GET /api/catalog/entity-facets': facets,
      'GET /api/catalog/graph': subTeams,
    });
    renderWithApp(<OwnedEntitiesCard entity={engineering} />);
    const table = await screen.findByRole('table', { name: 'Owned entities' });
    expect(
      within(table)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['engineering-handbook']);

    await userEvent.click(screen.getByRole('switch', { name: 'Include sub-teams' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Owned entities' })).getAllByRole('link')).toHaveLength(4));
    const graphCall = calls.find((c) => c.url.pathname === '/api/catalog/graph')!;
    expect(Object.fromEntries(graphCall.url.searchParams)).toMatchObject({
      root: 'group:default/engineering',
      relations: 'parentOf',
      direction: 'out',
      depth: '10',
    });
    expect(screen.getByText('Owned by this team or one of its 2 sub-teams.')).toBeInTheDocument();

    const kinds = screen.getByRole('group', { name: 'Filter by kind' });
    expect(
      within(kinds)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Component 2', 'API 1', 'System 1']);
    await userEvent.click(within(kinds).getByRole('button', { name: 'API 1' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Owned entities' }))
          .getAllByRole('link')
          .map((a) => a.textContent),
      ).toEqual(['orders-api']),
    );
    expect(within(kinds).getByRole('button', { name: 'API 1' })).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('user profile card', () => {
  it("shows the person's name, email and teams", async () => {
    mockApi({ 'POST /api/catalog/entities/by-refs': byRefs });
    const maria = entity('User', 'maria.okafor', {
      spec: { profile: { displayName: 'Maria Okafor', email: 'maria.okafor@northwind.example', picture: 'https://img.example/maria.png' } },
      relations: [{ type: 'memberOf', targetRef: 'group:default/team-payments' }],
    });
    const { container } = renderWithApp(<UserProfileCard entity={maria} />);
    expect(screen.getByText('Maria Okafor')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'maria.okafor@northwind.example' })).toHaveAttribute(
      'href',
      'mailto:maria.okafor@northwind.example',
    );
    expect(container.querySelector('img')).toHaveAttribute('src', 'https://img.example/maria.png');
    const teams = await screen.findByRole('list', { name: 'Member of' });
    expect(within(teams).getByRole('link', { name: 'Payments' })).toHaveAttribute('href', '/catalog/default/group/team-payments');
  });
});
