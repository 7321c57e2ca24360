import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateAction } from '../../extensions';
import { fetchFile, locate, type TemplateFileServices } from './templateFiles';

export function createFetchPlainFileAction(services: TemplateFileServices): TemplateAction<{ url: string; targetPath: string }> {
  return {
    id: 'fetch:plain:file',
    description: 'Copies one file (relative to the template, or a URL) into the workspace.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['url', 'targetPath'],
        properties: {
          url: { type: 'string', title: 'Where to fetch from' },
          targetPath: { type: 'string', title: 'File path in the workspace' },
        },
      },
    },
    examples: [{ description: 'Copy a licence file', example: 'action: fetch:plain:file\ninput:\n  url: ./LICENSE\n  targetPath: LICENSE\n' }],
    async handler(ctx) {
      const target = ctx.resolveInWorkspace(ctx.input.targetPath);
      const content = await fetchFile(services, locate(ctx.input.url, ctx.templateInfo.baseUrl, services.reader));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    },
  };
}
