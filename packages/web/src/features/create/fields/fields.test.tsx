import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp } from '../../../testing/renderWithApp';
import type { JsonObject } from '../api';
import { Wizard } from '../wizard/Wizard';

// Each field extension, through the wizard as a template uses it: what the user does, and the value the task gets.

function renderField(property: JsonObject) {
  const onFinish = vi.fn();
  renderWithApp(
    <Wizard steps={[{ title: 'Step', schema: { properties: { field: { title: 'Field', ...property } } } }]} onFinish={onFinish} />,
  );
  const finish = async () => {
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Create' }));
    return onFinish.mock.calls[0][0] as { values: JsonObject; secrets: Record<string, string> };
  };
  return { finish };
}

const entity = (kind: string, name: string, title?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title && { title }) },
  spec: {},
});

describe('field extensions', () => {
  it('RepoUrlPicker: host, owner and repository become github.com?owner=o&repo=r', async () => {
    mockApi({});
    const { finish } = renderField({
      type: 'string',
      'ui:field': 'RepoUrlPicker',
      'ui:options': { allowedHosts: ['gitlab.example.com', 'github.com'], allowedOwners: ['o', 'p'] },
    });
    await userEvent.click(screen.getByRole('combobox', { name: /Host/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'github.com' }));
    await userEvent.click(screen.getByRole('combobox', { name: /Owner/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'o' }));
    await userEvent.type(screen.getByLabelText(/Repository/, { selector: 'input' }), 'r');
    expect((await finish()).values).toEqual({ field: 'github.com?owner=o&repo=r' });
  });

  it('EntityPicker: searches with catalogFilter and completes a typed name with defaultKind and defaultNamespace', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entities/by-query': { items: [entity('Component', 'billing', 'Billing')], totalItems: 1, pageInfo: {} },
    });
    const { finish } = renderField({
      type: 'string',
      'ui:field': 'EntityPicker',
      'ui:options': {
        catalogFilter: [
          { kind: 'Component', 'spec.type': 'service' },
          { kind: 'API', 'metadata.annotations.x': { exists: true } },
        ],
        defaultKind: 'Component',
        defaultNamespace: 'ops',
      },
    });
    const input = screen.getByRole('combobox', { name: /Field/ });
    await userEvent.click(input);
    expect(await screen.findByRole('option', { name: /Billing/ })).toHaveTextContent('component:default/billing');
    const query = calls.find((c) => c.url.pathname === '/api/catalog/entities/by-query');
    expect(query?.url.searchParams.getAll('filter')).toEqual(['kind=Component,spec.type=service', 'kind=API,metadata.annotations.x']);

    await userEvent.type(input, 'payments');
    await userEvent.tab();
    expect((await finish()).values).toEqual({ field: 'component:ops/payments' });
  });

  it('EntityPicker: with allowArbitraryValues false only an option can be chosen', async () => {
    mockApi({ 'GET /api/catalog/entities/by-query': { items: [entity('Component', 'billing', 'Billing')], totalItems: 1, pageInfo: {} } });
    const { finish } = renderField({ type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { allowArbitraryValues: false } });
    const input = screen.getByRole('combobox', { name: /Field/ });
    await userEvent.type(input, 'nonsense');
    await userEvent.tab();
    await userEvent.click(input);
    await userEvent.click(await screen.findByRole('option', { name: /Billing/ }));
    expect((await finish()).values).toEqual({ field: 'component:default/billing' });
  });

  it('OwnerPicker lists groups and users; OwnedEntityPicker asks for what the user owns', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entities/by-query': { items: [entity('User', 'jane', 'Jane Doe')], totalItems: 1, pageInfo: {} },
    });
    renderWithApp(
      <Wizard
        steps={[
          {
            title: 'Step',
            schema: {
              properties: {
                owner: { title: 'Owner', type: 'string', 'ui:field': 'OwnerPicker' },
                mine: {
                  title: 'Mine',
                  type: 'string',
                  'ui:field': 'OwnedEntityPicker',
                  'ui:options': { catalogFilter: { kind: 'Component' } },
                },
              },
            },
          },
        ]}
        onFinish={() => {}}
      />,
    );
    await userEvent.click(screen.getByRole('combobox', { name: /Owner/ }));
    await userEvent.click(await screen.findByRole('option', { name: /Jane Doe/ }));
    expect(screen.getByRole('combobox', { name: /Owner/ })).toHaveValue('Jane Doe (user:jane)');
    const filters = calls
      .filter((c) => c.url.pathname === '/api/catalog/entities/by-query')
      .map((c) => c.url.searchParams.getAll('filter'));
    expect(filters).toContainEqual(['kind=Group,kind=User']);
    expect(filters).toContainEqual(['kind=Component,relations.ownedBy=__catalog:current_user_ownership_refs__']);
  });

  it('EntityTagsPicker: suggests existing tags of the kinds, takes new ones, and refuses malformed ones', async () => {
    const { calls } = mockApi({
      'GET /api/catalog/entity-facets': {
        facets: {
          'metadata.tags': [
            { value: 'java', count: 3 },
            { value: 'go', count: 1 },
          ],
        },
      },
    });
    const { finish } = renderField({
      type: 'array',
      items: { type: 'string' },
      'ui:field': 'EntityTagsPicker',
      'ui:options': { kinds: ['Component'] },
    });
    const input = screen.getByRole('combobox', { name: /Field/ });
    await userEvent.click(input);
    await userEvent.click(await screen.findByRole('option', { name: 'java' }));
    expect(calls.find((c) => c.url.pathname === '/api/catalog/entity-facets')?.url.searchParams.get('filter')).toBe('kind=Component');
    await userEvent.type(input, 'Not Valid{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText(/"not valid" is not a valid tag/)).toBeInTheDocument();
    await userEvent.click(screen.getAllByTestId('CancelIcon')[1]);
    await userEvent.type(input, 'Backend{Enter}');
    expect((await finish()).values).toEqual({ field: ['java', 'backend'] });
  });

  it('Secret: the value goes to secrets, the parameters only get a mask', async () => {
    mockApi({});
    const { finish } = renderField({ type: 'string', 'ui:field': 'Secret' });
    await userEvent.type(screen.getByLabelText(/Field/), 'hunter2');
    expect(await finish()).toEqual({ values: { field: '*******' }, secrets: { field: 'hunter2' } });
  });
});
