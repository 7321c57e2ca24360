import { cp, mkdir } from 'node:fs/promises';
import type { TemplateAction } from '../../extensions';
import { fetchDirectory, locate, type TemplateFileServices } from './templateFiles';

export function createFetchPlainAction(services: TemplateFileServices): TemplateAction<{ url: string; targetPath?: string }> {
  return {
    id: 'fetch:plain',
    description: 'Copies a directory (relative to the template, or a git tree URL) into the workspace without changing it.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', title: 'Where to fetch from', description: 'Relative to the template, or an absolute URL of a directory in a git repository' },
          targetPath: { type: 'string', title: 'Target path in the workspace', default: './' },
        },
      },
    },
    examples: [{ description: 'Copy a skeleton', example: 'action: fetch:plain\ninput:\n  url: ./skeleton\n  targetPath: ./app\n' }],
    async handler(ctx) {
      const target = ctx.resolveInWorkspace(ctx.input.targetPath ?? './');
      const source = locate(ctx.input.url, ctx.templateInfo.baseUrl, services.reader);
      ctx.logger.info(`Fetching ${ctx.input.url} into ${ctx.input.targetPath ?? './'}`);
      const scratch = await ctx.createTemporaryDirectory();
      await fetchDirectory(services, source, scratch);
      await mkdir(target, { recursive: true });
      await cp(scratch, target, { recursive: true });
    },
  };
}
