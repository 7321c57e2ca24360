import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import { fromBase64, toBase64 } from './editor/templateFiles';
import TemplateEditorPage from './TemplateEditorPage';

const dryRunAnswer = {
  steps: [{ id: 'fetch', name: 'Render the skeleton', action: 'fetch:template' }],
  log: [
    {
      id: 1,
      taskId: 'dry-run',
      type: 'log',
      createdAt: '2026-05-01T10:00:00Z',
      body: { stepId: 'fetch', status: 'processing', message: 'Fetching ./skeleton' },
    },
    { id: 2, taskId: 'dry-run', type: 'log', createdAt: '2026-05-01T10:00:01Z', body: { message: 'Skipping publish:git in a dry run' } },
  ],
  directoryContents: [
    { path: 'README.md', executable: false, base64Content: toBase64('# billing\n\nTakes money — für alle\n') },
    { path: 'logo.png', executable: false, base64Content: btoa(String.fromCharCode(0x89, 0x50, 0xff, 0xfe)) },
  ],
  output: { text: [{ title: 'Next', content: 'Publish it' }] },
};

describe('TemplateEditorPage', () => {
  it('previews the form from the YAML, dry-runs the template with its files and shows the produced files and log', async () => {
    const { calls } = mockApi({
      'POST /api/scaffolder/v2/dry-run': dryRunAnswer,
      'GET /api/catalog/entities/by-query': { items: [], pageInfo: {} },
    });
    renderWithApp(<TemplateEditorPage />, { url: '/create/edit' });

    // The preview follows the YAML.
    const yaml = screen.getByLabelText('template.yaml');
    fireEvent.change(yaml, { target: { value: (yaml as HTMLTextAreaElement).value.replace('title: Name', 'title: Service name') } });
    const preview = screen.getByRole('region', { name: 'Form preview' });
    expect(await within(preview).findByLabelText(/^Service name/)).toBeInTheDocument();

    // A file next to the template.
    await userEvent.click(screen.getByRole('button', { name: 'Add file' }));
    const path = screen.getByLabelText('Path of the new file');
    await userEvent.clear(path);
    await userEvent.type(path, '../escape.txt');
    expect(screen.getByText(/Use a relative path/)).toBeInTheDocument();
    await userEvent.clear(path);
    await userEvent.type(path, 'skeleton/catalog-info.yaml{Enter}');
    fireEvent.change(screen.getByLabelText('skeleton/catalog-info.yaml'), { target: { value: 'name: ${{ values.name }}' } });

    await userEvent.type(within(preview).getByLabelText(/^Service name/), 'billing');
    await userEvent.click(within(preview).getByRole('button', { name: 'Next' }));
    await userEvent.click(await within(preview).findByRole('button', { name: 'Dry run' }));

    const result = await screen.findByRole('region', { name: 'Dry run result' });
    const request = calls.find((c) => c.url.pathname === '/api/scaffolder/v2/dry-run')?.body as {
      template: { kind: string; metadata: { name: string } };
      values: unknown;
      directoryContents: Array<{ path: string; base64Content: string }>;
    };
    expect(request.template.kind).toBe('Template');
    expect(request.values).toEqual({ name: 'billing' });
    expect(request.directoryContents.map((f) => f.path)).toEqual(['template.yaml', 'skeleton/README.md', 'skeleton/catalog-info.yaml']);
    expect(fromBase64(request.directoryContents[2].base64Content)).toBe('name: ${{ values.name }}');

    await userEvent.click(within(result).getByText('README.md'));
    expect(within(result).getByLabelText('Content of README.md')).toHaveTextContent('Takes money — für alle');
    await userEvent.click(within(result).getByText('logo.png'));
    expect(within(result).getByLabelText('Content of logo.png')).toHaveTextContent('This file is not text');
    const log = within(result).getByRole('log', { name: 'Dry run log' });
    expect(log).toHaveTextContent('[Render the skeleton] Fetching ./skeleton');
    expect(log).toHaveTextContent('Skipping publish:git in a dry run');
    expect(result).toHaveTextContent('Publish it');
  });

  it('explains YAML that is not a template instead of a form', async () => {
    mockApi({ 'GET /api/catalog/entities/by-query': { items: [], pageInfo: {} } });
    renderWithApp(<TemplateEditorPage />, { url: '/create/edit' });
    fireEvent.change(screen.getByLabelText('template.yaml'), { target: { value: 'kind: Component\nmetadata: {name: x}' } });
    expect(await screen.findByText('kind must be Template, not Component')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('template.yaml'), { target: { value: 'kind: [unclosed' } });
    expect(within(screen.getByRole('region', { name: 'Form preview' })).queryByRole('button', { name: 'Next' })).not.toBeInTheDocument();
  });

  it('loads a registered template’s YAML from the catalog, without what the catalog added', async () => {
    const entity = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'node-service', namespace: 'default', title: 'Node.js service', uid: 'u-1', etag: 'e-1' },
      spec: {
        owner: 'group:default/platform',
        parameters: [{ title: 'Basics', properties: { app: { title: 'App', type: 'string' } } }],
        steps: [],
      },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
    };
    mockApi({
      'GET /api/catalog/entities/by-query': { items: [entity], pageInfo: {} },
      'GET /api/catalog/entities/by-name/template/default/node-service': entity,
    });
    renderWithApp(<TemplateEditorPage />, { url: '/create/edit' });
    await userEvent.click(screen.getByRole('combobox', { name: 'Template from the catalog' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Node.js service' }));
    await userEvent.click(screen.getByRole('button', { name: 'Load' }));
    expect(await screen.findByText(/Only its YAML comes from the catalog/)).toBeInTheDocument();
    const yaml = (screen.getByLabelText('template.yaml') as HTMLTextAreaElement).value;
    expect(yaml).toContain('name: node-service');
    expect(yaml).not.toContain('uid');
    expect(yaml).not.toContain('relations');
    expect(screen.queryByText('skeleton/README.md')).not.toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Form preview' })).findByLabelText('App')).toBeInTheDocument();
  });
});
