import { rm } from 'node:fs/promises';
import fg from 'fast-glob';
import type { TemplateAction } from '../../extensions';

export function createFsDeleteAction(): TemplateAction<{ files: string[] }> {
  return {
    id: 'fs:delete',
    description: 'Deletes files and directories in the workspace matching globs.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['files'],
        properties: { files: { type: 'array', items: { type: 'string' }, title: 'Globs of the paths to delete' } },
      },
    },
    examples: [{ description: 'Delete unneeded files', example: 'action: fs:delete\ninput:\n  files:\n    - README.template.md\n    - "docs/**/*.draft.md"\n' }],
    async handler(ctx) {
      for (const pattern of ctx.input.files) {
        // Refuses `../x` and `/x` before matching anything.
        ctx.resolveInWorkspace(pattern);
        const matches = await fg(pattern, { cwd: ctx.workspacePath, dot: true, onlyFiles: false, followSymbolicLinks: false });
        for (const match of matches) {
          await rm(ctx.resolveInWorkspace(match), { recursive: true, force: true });
          ctx.logger.info(`Deleted ${match}`);
        }
      }
    },
  };
}
