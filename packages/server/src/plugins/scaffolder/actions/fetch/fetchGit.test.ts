import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlReader } from '../../../../core/reader';
import { startGitServer, type GitServer } from '../../../../core/reader/testing/gitServer';
import { runAction } from '../../testing/actionContext';
import { createFetchPlainFileAction } from './plainFile';
import { createFetchTemplateAction } from './template';

describe('fetch:* from a template kept in a git repository', () => {
  let git: GitServer;
  let temp: string;
  let templateInfo: { baseUrl: string };
  let services: { reader: ReturnType<typeof createUrlReader>; dryRunRoot: string };

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'greenroom-fetch-git-'));
    git = await startGitServer();
    const repo = await git.createRepo('acme/templates', {
      'service/template.yaml': 'kind: Template\n',
      'service/skeleton/README.md': '# ${{ values.name }}\n',
      'service/skeleton/src/${{ values.name }}.js': 'export default "${{ values.name }}";\n',
      'service/LICENSE': 'MIT\n',
    });
    templateInfo = { baseUrl: `${repo}/blob/main/service/template.yaml` };
    services = {
      reader: createUrlReader({ allowedHosts: [{ host: '127.0.0.1' }], fileRoots: [], cacheDir: path.join(temp, 'cache') }),
      dryRunRoot: path.join(temp, 'dry-run'),
    };
  });

  afterAll(async () => {
    await git.close();
    await rm(temp, { recursive: true, force: true });
  });

  it('renders a skeleton directory relative to the template.yaml URL', async () => {
    const { workspacePath } = await runAction(createFetchTemplateAction(services), { url: './skeleton', values: { name: 'shop' } }, { templateInfo });
    expect(readFileSync(path.join(workspacePath, 'README.md'), 'utf8')).toBe('# shop\n');
    expect(readFileSync(path.join(workspacePath, 'src/shop.js'), 'utf8')).toBe('export default "shop";\n');
  });

  it('copies one file, and refuses to climb out of the repository', async () => {
    const { workspacePath } = await runAction(createFetchPlainFileAction(services), { url: './LICENSE', targetPath: 'LICENSE' }, { templateInfo });
    expect(readFileSync(path.join(workspacePath, 'LICENSE'), 'utf8')).toBe('MIT\n');
    await expect(runAction(createFetchTemplateAction(services), { url: '../../../../other/skeleton', values: {} }, { templateInfo })).rejects.toThrow(/outside the repository/);
  });

  it('refuses hosts outside the reader allow-list', async () => {
    const strict = { ...services, reader: createUrlReader({ allowedHosts: [], fileRoots: [], cacheDir: path.join(temp, 'cache2') }) };
    await expect(runAction(createFetchTemplateAction(strict), { url: './skeleton', values: {} }, { templateInfo })).rejects.toThrow(/not allowed/i);
  });
});
