import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, permissionsApi, respond, renderWithApp } from '../../testing/renderWithApp';
import CatalogImportPage from './CatalogImportPage';

const target = 'https://git.example.com/org/payments.git/blob/HEAD/catalog-info.yaml';
const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', description: 'Takes money' },
  spec: {},
};
const api = { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: 'payments-api' }, spec: {} };

describe('CatalogImportPage', () => {
  it('shows the dry run with its problems, registers on confirmation and lands on the new component', async () => {
    const { calls } = mockApi({
      'POST /api/catalog/locations': (url: URL) =>
        url.searchParams.get('dryRun') === 'true'
          ? respond(201, {
              location: { id: 'dryrun-1', type: 'url', target },
              entities: [api, component],
              exists: false,
              errors: [{ file: target, line: 14, field: 'spec.owner', message: 'must be a string' }],
            })
          : respond(201, { location: { id: 'loc-1', type: 'url', target }, entities: [] }),
    });
    const { location } = renderWithApp(<CatalogImportPage />, { url: '/catalog-import' });

    await userEvent.type(
      screen.getByLabelText('URL of a catalog-info.yaml or of a repository'),
      'https://git.example.com/org/payments.git',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));

    const toAdd = await screen.findByRole('list', { name: 'Entities to add' });
    expect(toAdd).toHaveTextContent('component:default/payments');
    expect(toAdd).toHaveTextContent('api:default/payments-api');
    expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent(`${target}:14: spec.owner: must be a string`);
    // The repository URL was turned into its catalog file, and nothing was registered yet.
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({ type: 'url', target });

    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    await vi.waitFor(() => expect(location().pathname).toBe('/catalog/default/component/payments'));
    expect(calls.filter((c) => c.method === 'POST' && !c.url.searchParams.has('dryRun'))).toHaveLength(1);
  });

  it('explains input that is not a URL without calling the server', async () => {
    const { calls } = mockApi({});
    renderWithApp(<CatalogImportPage />, { url: '/catalog-import' });
    await userEvent.type(screen.getByLabelText('URL of a catalog-info.yaml or of a repository'), 'not a url');
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    expect(await screen.findByText(/This is not a URL/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('shows the server’s reason when the location cannot be read', async () => {
    mockApi({
      'POST /api/catalog/locations': respond(403, {
        error: { name: 'NotAllowedError', message: 'Reading from evil.example.com is not allowed' },
      }),
    });
    renderWithApp(<CatalogImportPage />, { url: '/catalog-import' });
    await userEvent.type(screen.getByLabelText('URL of a catalog-info.yaml or of a repository'), 'https://evil.example.com/x.yaml');
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Reading from evil.example.com is not allowed');
  });
});

describe('CatalogImportPage for someone who may not register', () => {
  it('says so up front, still analyzes, and keeps Register disabled with the reason', async () => {
    mockApi({
      ...permissionsApi(['catalog.location.create']),
      'POST /api/catalog/locations': respond(201, {
        location: { id: 'dryrun-1', type: 'url', target },
        entities: [component],
        exists: false,
      }),
    });
    renderWithApp(<CatalogImportPage />, { url: '/catalog-import' });
    expect(await screen.findByText(/You are not allowed to register locations/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('URL of a catalog-info.yaml or of a repository'), target);
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    const register = await screen.findByRole('button', { name: 'Register' });
    expect(register).toBeDisabled();
    expect(register.parentElement).toHaveAccessibleDescription('You are not allowed to register locations; ask a Greenroom admin.');
  });
});
