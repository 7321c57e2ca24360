import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../../../../core/errors';
import type { TemplateAction } from '../../extensions';

export function createFsRenameAction(): TemplateAction<{ files: Array<{ from: string; to: string; overwrite?: boolean }> }> {
  return {
    id: 'fs:rename',
    description: 'Renames files and directories inside the workspace.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['files'],
        properties: {
          files: {
            type: 'array',
            items: {
              type: 'object',
              required: ['from', 'to'],
              properties: { from: { type: 'string' }, to: { type: 'string' }, overwrite: { type: 'boolean', default: false } },
            },
          },
        },
      },
    },
    examples: [{ description: 'Rename a file', example: 'action: fs:rename\ninput:\n  files:\n    - from: app.js\n      to: ${{ parameters.name }}.js\n' }],
    async handler(ctx) {
      for (const file of ctx.input.files) {
        const from = ctx.resolveInWorkspace(file.from);
        const to = ctx.resolveInWorkspace(file.to);
        if (!(await stat(from).catch(() => undefined))) throw new NotFoundError(`fs:rename: ${file.from} does not exist in the workspace`);
        if (await stat(to).catch(() => undefined)) {
          if (!file.overwrite) throw new ConflictError(`fs:rename: ${file.to} already exists (set overwrite: true to replace it)`);
          await rm(to, { recursive: true, force: true });
        }
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
        ctx.logger.info(`Renamed ${file.from} to ${file.to}`);
      }
    },
  };
}
