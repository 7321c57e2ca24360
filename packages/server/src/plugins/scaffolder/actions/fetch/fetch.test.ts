import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUrlReader } from '../../../../core/reader';
import { runAction } from '../../testing/actionContext';
import { createFetchPlainAction } from './plain';
import { createFetchPlainFileAction } from './plainFile';
import { createFetchTemplateAction } from './template';

const root = mkdtempSync(path.join(os.tmpdir(), 'greenroom-fetch-'));
const outside = mkdtempSync(path.join(os.tmpdir(), 'greenroom-outside-'));
const templateDir = path.join(root, 'templates', 'service');

function write(file: string, content: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const reader = createUrlReader({ allowedHosts: [], fileRoots: [root], cacheDir: path.join(root, '.git-cache') });
const services = { reader, dryRunRoot: path.join(root, 'dry-run') };
const templateInfo = { baseUrl: pathToFileURL(path.join(templateDir, 'template.yaml')).href };
const read = (workspace: string, file: string) => readFileSync(path.join(workspace, file), 'utf8');

beforeAll(() => {
  write(path.join(templateDir, 'template.yaml'), 'kind: Template');
  write(path.join(templateDir, 'skeleton/README.md'), '# ${{ values.name }}\n{% if values.withDb %}Database: yes{% endif %}\nCount: ${{ values.count + 1 }}\n');
  write(path.join(templateDir, 'skeleton/${{ values.name }}/index.js'), 'export const name = "${{ values.name }}";\n');
  write(path.join(templateDir, 'skeleton/.github/workflows/ci.yml'), 'run: echo ${{ github.sha }}\n');
  write(path.join(templateDir, 'skeleton/{% if values.withDb %}db.sql{% endif %}'), 'create table ${{ values.name }};');
  write(path.join(templateDir, 'skeleton/run.sh'), '#!/bin/sh\necho ${{ values.name }}\n');
  chmodSync(path.join(templateDir, 'skeleton/run.sh'), 0o755);
  write(path.join(templateDir, 'njk/app.yaml.njk'), 'name: ${{ values.name }}\n');
  write(path.join(templateDir, 'njk/raw.txt'), 'kept ${{ values.name }}\n');
  write(path.join(templateDir, 'cookie/setup.py'), 'name={{ cookiecutter.name }} tags={{ cookiecutter.tags | jsonify }}\n');
  write(path.join(templateDir, 'evil/${{ values.file }}'), 'escaped');
  write(path.join(templateDir, 'LICENSE'), 'MIT');
  write(path.join(outside, 'skeleton/secret.txt'), 'secret');
});

describe('fetch:template', () => {
  const action = createFetchTemplateAction(services);

  it('renders contents and file names, drops files whose name renders empty, keeps modes', async () => {
    const { workspacePath } = await runAction(action, { url: './skeleton', values: { name: 'shop', count: 2, withDb: false }, copyWithoutTemplating: ['.github/**'] }, { templateInfo });
    expect(read(workspacePath, 'README.md')).toBe('# shop\n\nCount: 3\n');
    expect(read(workspacePath, 'shop/index.js')).toBe('export const name = "shop";\n');
    expect(read(workspacePath, '.github/workflows/ci.yml')).toBe('run: echo ${{ github.sha }}\n');
    expect(existsSync(path.join(workspacePath, 'db.sql'))).toBe(false);
    expect(statSync(path.join(workspacePath, 'run.sh')).mode & 0o111).not.toBe(0);
  });

  it('renders an optional file when its condition holds, into targetPath', async () => {
    const { workspacePath } = await runAction(action, { url: './skeleton', targetPath: 'app', values: { name: 'shop', withDb: true } }, { templateInfo });
    expect(read(workspacePath, 'app/db.sql')).toBe('create table shop;');
  });

  it('with templateFileExtension renders only .njk files and drops the extension', async () => {
    const { workspacePath } = await runAction(action, { url: './njk', values: { name: 'shop' }, templateFileExtension: true }, { templateInfo });
    expect(read(workspacePath, 'app.yaml')).toBe('name: shop\n');
    expect(read(workspacePath, 'raw.txt')).toBe('kept ${{ values.name }}\n');
  });

  it('with cookiecutterCompat reads {{ cookiecutter.x }} and jsonify', async () => {
    const { workspacePath } = await runAction(action, { url: './cookie', values: { name: 'shop', tags: ['a'] }, cookiecutterCompat: true }, { templateInfo });
    expect(read(workspacePath, 'setup.py')).toBe('name=shop tags=["a"]\n');
  });

  it('keeps existing files unless replace is set', async () => {
    const first = await runAction(action, { url: './njk', values: { name: 'one' }, templateFileExtension: true }, { templateInfo });
    await runAction(action, { url: './njk', values: { name: 'two' }, templateFileExtension: true }, { templateInfo, workspacePath: first.workspacePath });
    expect(read(first.workspacePath, 'app.yaml')).toBe('name: one\n');
    await runAction(action, { url: './njk', values: { name: 'two' }, templateFileExtension: true, replace: true }, { templateInfo, workspacePath: first.workspacePath });
    expect(read(first.workspacePath, 'app.yaml')).toBe('name: two\n');
  });

  it('refuses a targetPath or a rendered file name outside the workspace', async () => {
    await expect(runAction(action, { url: './njk', targetPath: '../x', values: {} }, { templateInfo })).rejects.toThrow('Path "../x" leads outside the task workspace');
    await expect(runAction(action, { url: './njk', targetPath: '/etc', values: {} }, { templateInfo })).rejects.toThrow(/is absolute/);
    await expect(runAction(action, { url: './evil', values: { file: '../../evil' } }, { templateInfo })).rejects.toThrow(/leads outside the task workspace/);
    expect(existsSync(path.join(os.tmpdir(), 'evil'))).toBe(false);
  });

  it('refuses a template directory outside the file roots', async () => {
    const elsewhere = { baseUrl: pathToFileURL(path.join(outside, 'template.yaml')).href };
    await expect(runAction(action, { url: './skeleton', values: {} }, { templateInfo: elsewhere })).rejects.toThrow(/outside the file roots/);
    await expect(runAction(action, { url: '../../../' + path.basename(outside) + '/skeleton', values: {} }, { templateInfo })).rejects.toThrow(/outside the file roots/);
  });
});

describe('fetch:plain and fetch:plain:file', () => {
  it('copies a directory as it is, dot files included', async () => {
    const { workspacePath } = await runAction(createFetchPlainAction(services), { url: './skeleton', targetPath: 'copy' }, { templateInfo });
    expect(read(workspacePath, 'copy/README.md')).toContain('# ${{ values.name }}');
    expect(read(workspacePath, 'copy/.github/workflows/ci.yml')).toContain('github.sha');
  });

  it('copies one file to targetPath and refuses paths leaving the workspace', async () => {
    const action = createFetchPlainFileAction(services);
    const { workspacePath } = await runAction(action, { url: './LICENSE', targetPath: 'legal/LICENSE' }, { templateInfo });
    expect(read(workspacePath, 'legal/LICENSE')).toBe('MIT');
    await expect(runAction(action, { url: './LICENSE', targetPath: '../LICENSE' }, { templateInfo })).rejects.toThrow(/leads outside/);
    await expect(runAction(action, { url: 'file:///etc/passwd', targetPath: 'x' }, { templateInfo })).rejects.toThrow(/file URLs are not allowed/);
  });

  it('needs the template location for a relative url', async () => {
    await expect(runAction(createFetchPlainAction(services), { url: './skeleton' })).rejects.toThrow(/template's location is unknown/);
  });
});
