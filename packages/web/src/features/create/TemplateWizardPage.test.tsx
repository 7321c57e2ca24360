import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp, respond } from '../../testing/renderWithApp';
import TemplateWizardPage from './TemplateWizardPage';

const parameterSchema = {
  title: 'Demo service',
  description: 'A service with a repository',
  steps: [
    {
      title: 'About the service',
      schema: {
        required: ['name', 'flavour'],
        properties: {
          name: { title: 'Name', type: 'string', 'ui:field': 'EntityNamePicker', 'ui:autofocus': true },
          description: { title: 'Description', type: 'string', default: 'A new service', 'ui:help': 'One line is enough' },
          flavour: { title: 'Flavour', type: 'string', enum: ['service', 'website'], enumNames: ['Backend service', 'Website'] },
          apiToken: { title: 'API token', type: 'string', 'ui:widget': 'password' },
        },
        dependencies: {
          flavour: {
            oneOf: [
              { properties: { flavour: { const: 'service' } } },
              {
                required: ['domain'],
                properties: { flavour: { const: 'website' }, domain: { title: 'Domain', type: 'string', 'ui:placeholder': 'example.com' } },
              },
            ],
          },
        },
      },
    },
    {
      title: 'Where it lives',
      schema: {
        required: ['owner', 'repoUrl'],
        properties: {
          owner: { title: 'Owner', type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
          repoUrl: { title: 'Repository', type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['github.com'] } },
        },
      },
    },
  ],
};

const teamA = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default', title: 'Team A' },
  spec: {},
};

function renderWizard(routes: Record<string, unknown> = {}) {
  const api = mockApi({
    'GET /api/scaffolder/v2/templates/default/template/demo/parameter-schema': parameterSchema,
    'GET /api/catalog/entities/by-query': { items: [teamA], totalItems: 1, pageInfo: {} },
    'POST /api/scaffolder/v2/tasks': respond(201, { id: 'task-1' }),
    ...routes,
  });
  const rendered = renderWithApp(<TemplateWizardPage />, {
    url: '/create/templates/default/demo',
    path: '/create/templates/:namespace/:name',
  });
  return { ...api, ...rendered };
}

describe('TemplateWizardPage', () => {
  it('walks the steps with inline validation, reviews every value with the secret masked, and creates the task', async () => {
    const user = userEvent.setup();
    const { calls, location } = renderWizard();

    expect(await screen.findByRole('heading', { name: 'About the service' })).toBeInTheDocument();
    // Defaults and help text come from the schema.
    expect(screen.getByLabelText('Description')).toHaveValue('A new service');
    expect(screen.getByText('One line is enough')).toBeInTheDocument();
    // ui:autofocus
    expect(screen.getByLabelText(/^Name/)).toHaveFocus();

    // Leaving the step with a missing required value shows why, and stays.
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findAllByText(/must have required property/)).not.toHaveLength(0);
    expect(screen.getByRole('heading', { name: 'About the service' })).toBeInTheDocument();

    // From now on errors follow the typing: a name that is not a valid entity name is explained at once.
    await user.type(screen.getByLabelText(/^Name/), 'My Service');
    expect(await screen.findByText(/Must be lowercase letters and digits/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Name/));
    await user.type(screen.getByLabelText(/^Name/), 'my-service');
    expect(screen.queryByText(/Must be lowercase letters and digits/)).not.toBeInTheDocument();

    // An enum shows its enumNames; choosing "Website" brings the dependent Domain field.
    expect(screen.queryByLabelText(/^Domain/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: /Flavour/ }));
    await user.click(await screen.findByRole('option', { name: 'Website' }));
    await user.type(await screen.findByLabelText(/^Domain/), 'shop.example.com');
    await user.type(screen.getByLabelText('API token'), 's3cret');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { name: 'Where it lives' })).toBeInTheDocument();
    await user.type(screen.getByRole('combobox', { name: /Owner/ }), 'team');
    await user.click(await screen.findByRole('option', { name: /Team A/ }));
    expect(screen.getByLabelText(/^Host/)).toHaveTextContent('github.com');
    // Owner without repository is incomplete.
    await user.type(screen.getByLabelText(/^Owner/, { selector: 'input:not([role=combobox])' }), 'acme');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText(/Incomplete repository location provided/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Repository/, { selector: 'input' }), 'my-service');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    const review = await screen.findByRole('table', { name: 'Values to create with' });
    const row = (title: string) => within(review).getByRole('rowheader', { name: title }).closest('tr');
    expect(row('Name')).toHaveTextContent('my-service');
    expect(row('Flavour')).toHaveTextContent('Website');
    expect(row('Domain')).toHaveTextContent('shop.example.com');
    expect(row('Owner')).toHaveTextContent('group:default/team-a');
    expect(row('Repository')).toHaveTextContent('github.com?owner=acme&repo=my-service');
    expect(row('API token')).toHaveTextContent('••••••••');
    expect(review).not.toHaveTextContent('s3cret');

    await user.click(screen.getByRole('button', { name: 'Create' }));
    await vi.waitFor(() => expect(location().pathname).toBe('/create/tasks/task-1'));
    const post = calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/scaffolder/v2/tasks');
    expect(post?.body).toEqual({
      templateRef: 'template:default/demo',
      values: {
        name: 'my-service',
        description: 'A new service',
        flavour: 'website',
        domain: 'shop.example.com',
        apiToken: '******',
        owner: 'group:default/team-a',
        repoUrl: 'github.com?owner=acme&repo=my-service',
      },
      secrets: { apiToken: 's3cret' },
    });
  });

  it('pre-fills from ?formData= (Start over) but never a secret, and shows the server’s refusal', async () => {
    const user = userEvent.setup();
    mockApi({
      'GET /api/scaffolder/v2/templates/default/template/demo/parameter-schema': parameterSchema,
      'GET /api/catalog/entities/by-query': { items: [teamA], totalItems: 1, pageInfo: {} },
      'POST /api/scaffolder/v2/tasks': respond(400, { error: { name: 'InputError', message: 'repoUrl: the owner acme is not allowed' } }),
    });
    const formData = encodeURIComponent(
      JSON.stringify({
        name: 'again',
        flavour: 'service',
        apiToken: '******',
        owner: 'group:default/team-a',
        repoUrl: 'github.com?owner=acme&repo=again',
      }),
    );
    renderWithApp(<TemplateWizardPage />, {
      url: `/create/templates/default/demo?formData=${formData}`,
      path: '/create/templates/:namespace/:name',
    });

    expect(await screen.findByLabelText(/^Name/)).toHaveValue('again');
    expect(screen.getByLabelText('API token')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByLabelText(/^Repository/, { selector: 'input' })).toHaveValue('again');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Create' }));
    expect(await screen.findByText('repoUrl: the owner acme is not allowed')).toBeInTheDocument();
  });

  it('keeps Create off, with the reason, for someone the policy does not let run this template', async () => {
    const user = userEvent.setup();
    mockApi({
      // Denied on this template only: the check names the template as its resource.
      'POST /api/permission/authorize': (_url: URL, init: RequestInit | undefined) => {
        const { items } = JSON.parse(String(init?.body)) as { items: Array<{ id: string; permission: string; resourceRef?: string }> };
        return {
          items: items.map(({ id, permission, resourceRef }) => ({
            id,
            result: permission === 'scaffolder.task.create' && resourceRef === 'template:default/demo' ? 'DENY' : 'ALLOW',
          })),
        };
      },
      'GET /api/scaffolder/v2/templates/default/template/demo/parameter-schema': {
        title: 'Tiny',
        steps: [{ title: 'One', schema: { properties: { note: { type: 'string', title: 'Note' } } } }],
      },
    });
    renderWithApp(<TemplateWizardPage />, { url: '/create/templates/default/demo', path: '/create/templates/:namespace/:name' });
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Create' }).parentElement).toHaveAccessibleDescription(
      'You may not run this template: its owners decide who runs it.',
    );
  });
});
