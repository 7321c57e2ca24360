import path from 'node:path';
import type { TemplateAction } from '../../extensions';
import { locate, readTemplateFiles, writeWorkspaceFiles, type TemplateFileServices } from './templateFiles';

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
          url: {
            type: 'string',
            title: 'Where to fetch from',
            description: 'Relative to the template, or an absolute URL of a directory in a git repository',
          },
          targetPath: { type: 'string', title: 'Target path in the workspace', default: './' },
        },
      },
    },
    examples: [{ description: 'Copy a skeleton', example: 'action: fetch:plain\ninput:\n  url: ./skeleton\n  targetPath: ./app\n' }],
    async handler(ctx) {
      const target = ctx.resolveInWorkspace(ctx.input.targetPath ?? './');
      const source = locate(ctx.input.url, ctx.templateInfo.baseUrl, services.reader);
      ctx.logger.info(`Fetching ${ctx.input.url} into ${ctx.input.targetPath ?? './'}`);
      const files = await readTemplateFiles(services, source, () => ctx.createTemporaryDirectory());
      // As a copy would: existing files are overwritten.
      await writeWorkspaceFiles(
        files.map((file) => ({ target: path.join(target, file.path), content: file.content, mode: file.mode })),
        { replace: true },
      );
    },
  };
}
