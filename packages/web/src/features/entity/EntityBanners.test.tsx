import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, permissionsApi, renderWithApp } from '../../testing/renderWithApp';
import { EntityBanners } from './EntityBanners';

const orphan = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'old-job', namespace: 'default', uid: 'uid-42', annotations: { 'backstage.io/orphan': 'true' } },
  spec: {},
};

describe('EntityBanners', () => {
  it('keeps the orphan’s Delete button disabled, with the reason, for someone who may not delete it', async () => {
    mockApi(permissionsApi(['catalog.entity.delete']));
    renderWithApp(<EntityBanners entity={orphan} />);
    const button = screen.getByRole('button', { name: 'Delete entity' });
    await vi.waitFor(() => expect(button.parentElement).toHaveAccessibleDescription('Only its owners may delete this entity'));
    expect(button).toBeDisabled();
  });
});
