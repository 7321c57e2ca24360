import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp, starredApi } from '../../testing/renderWithApp';
import CreatePage from './CreatePage';

const template = (name: string, owner: string) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name, namespace: 'default', title: name },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

describe('CreatePage template permissions', () => {
  it('disables Choose, with the reason, on templates the user may not run', async () => {
    mockApi({
      ...starredApi([]),
      'GET /api/catalog/entities/by-query': {
        items: [template('ours', 'team-a'), template('theirs', 'team-b')],
        totalItems: 2,
        pageInfo: {},
      },
      'GET /api/catalog/entity-facets': { facets: {} },
      'POST /api/permission/authorize': (_url: URL, init: RequestInit | undefined) => {
        const { items } = JSON.parse(String(init?.body)) as { items: Array<{ id: string; resourceRef?: string }> };
        return {
          items: items.map(({ id, resourceRef }) => ({ id, result: resourceRef === 'template:default/theirs' ? 'DENY' : 'ALLOW' })),
        };
      },
    });
    renderWithApp(<CreatePage />, { url: '/create' });
    const theirs = await screen.findByRole('article', { name: 'theirs' });
    await expect.poll(() => within(theirs).getByRole('link', { name: 'Choose theirs' }).getAttribute('aria-disabled')).toBe('true');
    expect(within(theirs).getByRole('link', { name: 'Choose theirs' }).parentElement).toHaveAccessibleDescription(
      'Only the team that owns this template may run it',
    );
    expect(within(screen.getByRole('article', { name: 'ours' })).getByRole('link', { name: 'Choose ours' })).not.toHaveAttribute(
      'aria-disabled',
    );
  });
});
