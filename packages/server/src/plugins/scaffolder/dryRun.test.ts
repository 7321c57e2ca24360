import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDatabases } from '../../testing/databases';
import { scaffolderApp, templateEntity, type ScaffolderTestApp } from './testing/fixtures';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('POST /v2/dry-run', () => {
  let app: ScaffolderTestApp;

  beforeAll(async () => {
    app = await scaffolderApp('sqlite', []);
  });

  afterAll(async () => {
    await app?.close();
    await closeTestDatabases();
  });

  const dryRun = (payload: unknown) => app.http.inject({ method: 'POST', url: '/api/scaffolder/v2/dry-run', payload: payload as object });

  const template = templateEntity({
    name: 'draft',
    parameters: [{ required: ['name'], properties: { name: { type: 'string' } } }],
    steps: [
      { id: 'fetch', action: 'fetch:template', input: { url: './skeleton', values: { name: '${{ parameters.name }}' } } },
      { id: 'write', action: 'catalog:write', input: { entity: { kind: 'Component', metadata: { name: '${{ parameters.name }}' } } } },
      { id: 'register', action: 'catalog:register', input: { catalogInfoUrl: 'https://git.example/x/catalog-info.yaml' } },
    ],
    output: { text: [{ title: 'Name', content: '${{ parameters.name }}' }] },
  });

  it('runs the template on the files sent and answers the files produced, skipping actions without dry-run', async () => {
    const res = await dryRun({
      template,
      values: { name: 'shop' },
      directoryContents: [
        { path: 'template.yaml', base64Content: b64('kind: Template') },
        { path: 'skeleton/README.md', base64Content: b64('# ${{ values.name }}') },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const files = Object.fromEntries(body.directoryContents.map((f: { path: string; base64Content: string }) => [f.path, Buffer.from(f.base64Content, 'base64').toString()]));
    expect(files['README.md']).toBe('# shop');
    expect(files['catalog-info.yaml']).toContain('name: shop');
    expect(body.steps).toEqual([
      { id: 'fetch', name: 'fetch:template', action: 'fetch:template' },
      { id: 'write', name: 'catalog:write', action: 'catalog:write' },
      { id: 'register', name: 'catalog:register', action: 'catalog:register' },
    ]);
    expect(body.output).toEqual({ text: [{ title: 'Name', content: 'shop' }] });
    expect(body.log.some((e: { body: { message: string; stepId?: string } }) => e.body.stepId === 'register' && /does not support dry-run; it would run with {"catalogInfoUrl":"https:\/\/git.example\/x\/catalog-info.yaml"}/.test(e.body.message))).toBe(true);
    expect(body.log.at(-1)).toMatchObject({ type: 'completion', body: { status: 'completed' } });
  });

  it('reports a failing step in the log', async () => {
    const res = await dryRun({ template, values: { name: 'shop' }, directoryContents: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json().log.at(-1)).toMatchObject({ type: 'completion', body: { status: 'failed' } });
  });

  it('refuses unknown actions, bad values and file paths leaving the template directory', async () => {
    const unknown = await dryRun({ template: templateEntity({ name: 'x', steps: [{ id: 'pub', action: 'publish:nowhere' }] }), values: {}, directoryContents: [] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Step "pub" uses the action "publish:nowhere", which does not exist');
    const values = await dryRun({ template, values: {}, directoryContents: [] });
    expect(values.json().error.message).toBe('values.name is required');
    const escape = await dryRun({ template, values: { name: 'x' }, directoryContents: [{ path: '../../evil', base64Content: b64('x') }] });
    expect(escape.statusCode).toBe(400);
    expect(escape.json().error.message).toMatch(/leads outside/);
    const notTemplate = await dryRun({ template: { kind: 'Component', apiVersion: 'backstage.io/v1alpha1' }, values: {} });
    expect(notTemplate.statusCode).toBe(400);
  });
});
