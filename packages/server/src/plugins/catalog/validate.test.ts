import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config';
import { createTestApp, type TestApp } from '../../testing/app';
import { closeTestDatabases } from '../../testing/databases';
import { validateFiles } from './validateFiles';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const ALL_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'];

/** `greenroom validate` and the API must say the same thing about every demo and test file. */
describe('greenroom validate agrees with the server', () => {
  let root: string;
  let app: TestApp;
  const rawConfig = { catalog: { rules: [{ allow: ALL_KINDS }] }, reading: { fileRoots: ['.'] } };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-validate-'));
    cpSync(path.join(repoRoot, 'examples/catalog'), path.join(root, 'examples'), { recursive: true });
    cpSync(fileURLToPath(new URL('./testdata/invalid', import.meta.url)), path.join(root, 'invalid'), { recursive: true });
    app = await createTestApp('sqlite', rawConfig, { rootDir: root });
  });
  afterAll(async () => {
    await app.close();
    await closeTestDatabases();
  });

  const files = [
    ...fg
      .sync('examples/catalog/**/*.yaml', { cwd: repoRoot, ignore: ['**/*.openapi.yaml'] })
      .map((f) => f.replace('examples/catalog/', 'examples/')),
    'invalid/mixed.yaml',
    'invalid/broken-yaml.yaml',
    'invalid/placeholder.yaml',
  ];

  it.each(files)('%s', async (file) => {
    const config = parseConfig(rawConfig, { rootDir: root, env: {} });
    const cli = await validateFiles([file], config, root);
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/catalog/locations?dryRun=true',
      payload: { type: 'file', target: path.join(root, file) },
    });
    expect(res.statusCode).toBe(201);
    const api = res.json() as { entities: Array<{ kind: string; metadata: { name: string } }>; errors: Array<Record<string, unknown>> };
    // The API names files absolutely, the CLI relative to where it runs.
    const fromApi = api.errors.filter((e) => e.file === path.join(root, file)).map((e) => ({ ...e, file }));
    expect(cli.problems).toEqual(fromApi);
    // A Location's targets are followed by the server, not by the CLI; compare the file's own entities.
    const own = api.entities.filter((e) => !e.metadata.name.startsWith('generated-'));
    if (!file.endsWith('locations.yaml')) expect(cli.entities).toBe(own.length);
  });

  it('finds the problems a user must fix in the invalid files', async () => {
    const config = parseConfig(rawConfig, { rootDir: root, env: {} });
    const result = await validateFiles(['invalid/*.yaml'], config, root);
    const lines = result.problems.map((p) => `${p.file}:${p.line}: ${p.field ?? ''} ${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^invalid\/broken-yaml\.yaml:\d+: .*YAML/),
      expect.stringMatching(/^invalid\/mixed\.yaml:13: metadata\.name /),
      expect.stringMatching(/^invalid\/mixed\.yaml:14: metadata\.tags\[0\] /),
      expect.stringMatching(/^invalid\/mixed\.yaml:15: spec\.owner is required/),
      expect.stringMatching(/^invalid\/mixed\.yaml:20: kind Unknown kind "Widget"/),
      expect.stringMatching(/^invalid\/mixed\.yaml:25: .*expected an entity/),
      expect.stringMatching(/^invalid\/placeholder\.yaml:1: .*does-not-exist\.yaml/),
    ]);
    expect(result.entities).toBe(1);
  });
});
