import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TemplateAction } from '../../extensions';

/** Lists workspace files (relative, sorted), optionally with their contents. */
async function listFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else files.push(relative);
  }
  return files;
}

export function createDebugLogAction(): TemplateAction<{ message?: string; listWorkspace?: boolean | 'with-filenames' | 'with-contents' }> {
  return {
    id: 'debug:log',
    description: 'Writes a message to the task log and can list the workspace files.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        properties: {
          message: { type: 'string', title: 'Message to log' },
          listWorkspace: {
            title: 'List the workspace',
            description: 'true or "with-filenames" lists file names; "with-contents" also prints each file',
            oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['with-filenames', 'with-contents'] }],
          },
        },
      },
    },
    examples: [{ description: 'Log a message', example: 'steps:\n  - id: log\n    action: debug:log\n    input:\n      message: Hello ${{ parameters.name }}\n' }],
    async handler(ctx) {
      if (ctx.input.message !== undefined) ctx.logger.info(ctx.input.message);
      const mode = ctx.input.listWorkspace;
      if (!mode) return;
      const files = await listFiles(ctx.workspacePath);
      for (const file of files) {
        if (mode === 'with-contents') {
          const content = await fs.readFile(path.join(ctx.workspacePath, file), 'utf8');
          ctx.logger.info(`${file}:\n${content}`);
        } else {
          ctx.logger.info(file);
        }
      }
    },
  };
}
