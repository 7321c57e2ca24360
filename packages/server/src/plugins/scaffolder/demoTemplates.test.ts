import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../core/reader/testing/gitServer';
import { createTestApp, waitForIngestion, type TestApp } from '../../testing/app';
import { closeTestDatabases } from '../../testing/databases';
import { runTask } from './testing/fixtures';

// The demo organisation's templates (examples/templates), checked the way a newcomer meets them:
// they load from the demo catalog, name only existing actions, dry-run, and the main one really
// publishes to a git server and registers what it created.

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const templatesDir = path.join(repoRoot, 'examples/templates');
const templateNames = ['nodejs-service', 'docs-site', 'hosted-service'];

interface TemplateDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { parameters: Array<{ properties: Record<string, Record<string, unknown>> }>; steps: Array<{ id: string; action: string }> };
}

const readTemplate = (name: string) => parseYaml(readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8')) as TemplateDoc;

/** Every file beside template.yaml, as the template editor sends them to the dry-run. */
function directoryContents(dir: string, prefix = ''): Array<{ path: string; base64Content: string }> {
  return readdirSync(path.join(dir, prefix)).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(path.join(dir, relative)).isDirectory()) return directoryContents(dir, relative);
    return [{ path: relative, base64Content: readFileSync(path.join(dir, relative)).toString('base64') }];
  });
}

const sampleValues: Record<string, Record<string, unknown>> = {
  'nodejs-service': {
    name: 'loyalty-service',
    description: 'Points for purchases',
    owner: 'group:default/team-payments',
    system: 'system:default/checkout',
    tags: ['nodejs', 'loyalty'],
    repoUrl: 'GITHOST?owner=northwind&repo=loyalty-service',
    includeCi: false,
    port: 9090,
  },
  'docs-site': {
    component: 'component:default/payments-service',
    siteName: 'payments-handbook',
    sections: ['Getting started', 'Runbook'],
    license: 'MIT',
    announce: true,
    repoUrl: 'GITHOST?owner=northwind&repo=payments-handbook',
  },
  'hosted-service': {
    name: 'edge-proxy',
    description: 'Edge',
    owner: 'group:default/team-platform',
    repoUrl: 'github.com?owner=northwind&repo=edge-proxy',
    visibility: 'private',
  },
};

describe('demo templates', () => {
  let app: TestApp;
  let git: GitServer;
  let gitHost: string;
  const values = (name: string) => JSON.parse(JSON.stringify(sampleValues[name]).replaceAll('GITHOST', gitHost)) as Record<string, unknown>;

  beforeAll(async () => {
    git = await startGitServer();
    gitHost = new URL(git.url).host;
    app = await createTestApp('sqlite', {
      catalog: {
        rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
        locations: [
          { type: 'file', target: path.join(repoRoot, 'examples/catalog/locations.yaml') },
          { type: 'file', target: path.join(templatesDir, 'locations.yaml') },
        ],
        refresh: { intervalSeconds: 0 },
      },
      reading: { fileRoots: [repoRoot], allow: [{ host: gitHost }], gitHosts: [gitHost], gitFetchIntervalMs: 0 },
      scaffolder: { allowedHosts: [gitHost] },
      integrations: { git: [{ host: gitHost, baseUrl: git.url }] },
    });
    await app.start();
    await waitForIngestion(app);
  });

  afterAll(async () => {
    await app?.close();
    await git?.close();
    await closeTestDatabases();
  });

  it('are all in the demo catalog, name only existing actions and together use every built-in action and field extension', async () => {
    const actions = ((await app.http.inject({ method: 'GET', url: '/api/scaffolder/v2/actions' })).json() as Array<{ id: string }>).map(
      (a) => a.id,
    );
    const used = new Set<string>();
    const fields = new Set<string>();
    for (const name of templateNames) {
      const template = readTemplate(name);
      expect(template).toMatchObject({ apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name } });
      const entity = await app.http.inject({ method: 'GET', url: `/api/catalog/entities/by-name/template/default/${name}` });
      expect(entity.statusCode, `${name} is in the catalog`).toBe(200);
      for (const step of template.spec.steps) {
        expect(actions, `${name} step ${step.id}`).toContain(step.action);
        used.add(step.action);
      }
      for (const page of template.spec.parameters) {
        for (const property of Object.values(page.properties)) if (property['ui:field']) fields.add(String(property['ui:field']));
      }
    }
    expect([...used].sort()).toEqual([...actions].sort());
    for (const field of ['OwnerPicker', 'RepoUrlPicker', 'EntityPicker', 'EntityNamePicker', 'EntityTagsPicker', 'OwnedEntityPicker']) {
      expect(fields).toContain(field);
    }
  });

  it.each(templateNames)('%s dry-runs to completion with its own files', async (name) => {
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/scaffolder/v2/dry-run',
      payload: { template: readTemplate(name), values: values(name), directoryContents: directoryContents(path.join(templatesDir, name)) },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      log: Array<{ type: string; body: { status?: string; message: string } }>;
      directoryContents: Array<{ path: string; base64Content: string; executable: boolean }>;
    };
    const completion = body.log.find((event) => event.type === 'completion');
    expect(completion?.body, JSON.stringify(body.log.slice(-5))).toMatchObject({ status: 'completed' });
    const files = Object.fromEntries(body.directoryContents.map((f) => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')]));
    const catalogInfo = parseYaml(files['catalog-info.yaml']) as { metadata: { name: string } };
    expect(catalogInfo.metadata.name).toBe(values(name).name ?? values(name).siteName);

    if (name === 'nodejs-service') {
      expect(files['src/server.js']).toContain('?? 9090');
      expect(files['static/deploy.sh']).toContain('${{ github.sha }}');
      expect(Object.keys(files).some((f) => f.startsWith('.github/'))).toBe(false); // includeCi: false
      expect(parseYaml(files['catalog-info.yaml'])).toMatchObject({
        metadata: { tags: ['nodejs', 'loyalty'] },
        spec: { owner: 'group:default/team-payments', system: 'system:default/checkout' },
      });
    }
    if (name === 'docs-site') {
      expect(files['mkdocs.yml']).toContain('- Runbook: sections/1/index.md');
      expect(files['docs/contributing.md']).toContain('${{ values.siteName }}');
      expect(files['docs/sections/1/index.md']).toBe('# Runbook\n\nSection 2 of the site. Write it here.\n');
      expect(files['docs/stylesheets/extra.css']).toContain('.md-typeset');
      expect(files['docs/assets/style.css']).toBeUndefined();
      expect(files.README).toBeUndefined();
      expect(files['README.md']).toContain('# payments-handbook');
      expect(files.LICENSE).toContain('MIT License');
      expect(parseYaml(files['catalog-info.yaml'])).toMatchObject({
        spec: { owner: 'team-payments', subcomponentOf: 'component:default/payments-service' },
      });
    }
  });

  it('nodejs-service publishes to the git server, registers the new component and notifies its owners', async () => {
    const task = await runTask(app, 'template:default/nodejs-service', { ...values('nodejs-service'), includeCi: true });
    expect(task.error).toBeUndefined();
    expect(task.status).toBe('completed');
    expect(await git.readFile('northwind/loyalty-service', 'README.md')).toContain('# loyalty-service');
    expect(await git.readFile('northwind/loyalty-service', '.github/workflows/ci.yaml')).toContain('{{ github.sha }} of loyalty-service');

    const entity = await app.http.inject({ method: 'GET', url: '/api/catalog/entities/by-name/component/default/loyalty-service' });
    expect(entity.statusCode).toBe(200);
    expect(task.output.links).toEqual([
      { title: 'Repository', url: `${git.url}/northwind/loyalty-service.git` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/loyalty-service' },
    ]);
    expect(task.steps.find((s: { id: string }) => s.id === 'drop-ci').status).toBe('skipped');
    const notify = task.steps.find((s: { id: string }) => s.id === 'notify');
    expect(notify.status).toBe('completed');
  });
});
