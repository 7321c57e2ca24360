import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, permissionsApi, renderWithApp, starredApi } from '../../testing/renderWithApp';
import { EntityHeader } from './EntityHeader';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default', uid: 'uid-1' },
  spec: { type: 'service', owner: 'team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

describe('EntityHeader actions', () => {
  it('disables refresh and unregister with the reason when the policy denies them for this entity', async () => {
    const { calls } = mockApi({ ...starredApi([]), ...permissionsApi(['catalog.entity.refresh', 'catalog.entity.delete']) });
    renderWithApp(<EntityHeader entity={entity} />);
    await userEvent.click(screen.getByRole('button', { name: 'Entity actions' }));
    const refresh = await screen.findByRole('menuitem', { name: /Refresh from source.*Only its owners may refresh this entity/ });
    expect(refresh).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('menuitem', { name: /Unregister entity.*Only its owners may unregister/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    // Both checks name this entity, and travel in one request.
    const checks = calls.filter((c) => c.url.pathname === '/api/permission/authorize');
    expect(checks).toHaveLength(1);
    expect(checks[0]!.body).toMatchObject({
      items: [
        { permission: 'catalog.entity.refresh', resourceRef: 'component:default/payments' },
        { permission: 'catalog.entity.delete', resourceRef: 'component:default/payments' },
      ],
    });
  });

  it('offers the actions the policy allows', async () => {
    const { calls } = mockApi({ ...starredApi([]), 'POST /api/catalog/refresh': {} });
    renderWithApp(<EntityHeader entity={entity} />);
    await userEvent.click(screen.getByRole('button', { name: 'Entity actions' }));
    const refresh = await screen.findByRole('menuitem', { name: 'Refresh from source' });
    await userEvent.click(refresh);
    expect(await screen.findByRole('status')).toHaveTextContent('Refresh scheduled');
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/catalog/refresh')).toBe(true);
  });
});
