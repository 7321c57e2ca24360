import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../../../../core/errors';
import type { TemplateAction } from '../../extensions';
import { Templater } from '../../templating/render';
import { fetchDirectory, locate, type TemplateFileServices } from './templateFiles';

interface FetchTemplateInput {
  url: string;
  targetPath?: string;
  values?: Record<string, unknown>;
  copyWithoutTemplating?: string[];
  templateFileExtension?: boolean | string;
  cookiecutterCompat?: boolean;
  replace?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
}

async function listFiles(root: string, dir = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}

// Like git and most editors: a NUL byte early on means the file is not text.
const isBinary = (content: Buffer) => content.subarray(0, 8000).includes(0);

export function createFetchTemplateAction(services: TemplateFileServices): TemplateAction<FetchTemplateInput> {
  return {
    id: 'fetch:template',
    description: 'Copies a skeleton directory into the workspace, rendering `${{ values.x }}` (and Nunjucks tags) in file contents and names.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', title: 'Skeleton directory', description: 'Relative to the template, or a git tree URL' },
          targetPath: { type: 'string', title: 'Target path in the workspace', default: './' },
          values: { type: 'object', title: 'Values the skeleton sees as values.*' },
          copyWithoutTemplating: { type: 'array', items: { type: 'string' }, title: 'Globs of files copied as they are (their names are still rendered)' },
          templateFileExtension: { oneOf: [{ type: 'boolean' }, { type: 'string' }], title: 'Render only files with this extension (true = .njk), dropping it' },
          cookiecutterCompat: { type: 'boolean', title: 'Accept {{ cookiecutter.x }} and the jsonify filter' },
          replace: { type: 'boolean', title: 'Overwrite files that already exist in the workspace' },
          trimBlocks: { type: 'boolean' },
          lstripBlocks: { type: 'boolean' },
        },
      },
    },
    examples: [
      {
        description: 'Render a skeleton',
        example: 'action: fetch:template\ninput:\n  url: ./skeleton\n  values:\n    name: ${{ parameters.name }}\n  copyWithoutTemplating:\n    - .github/workflows/*\n',
      },
    ],
    async handler(ctx) {
      const input = ctx.input;
      if (input.templateFileExtension !== undefined && input.copyWithoutTemplating?.length) {
        throw new InputError('fetch:template: use templateFileExtension or copyWithoutTemplating, not both');
      }
      const extension =
        input.templateFileExtension === true ? '.njk' : typeof input.templateFileExtension === 'string' && input.templateFileExtension ? input.templateFileExtension : undefined;
      const withoutTemplating = picomatch(input.copyWithoutTemplating ?? [], { dot: true });
      const templater = new Templater({
        syntax: input.cookiecutterCompat ? 'plain' : 'dollar',
        trimBlocks: input.trimBlocks,
        lstripBlocks: input.lstripBlocks,
        ...(input.cookiecutterCompat ? { extraFilters: { jsonify: (value: unknown) => JSON.stringify(value) } } : {}),
      });
      const context = input.cookiecutterCompat ? { cookiecutter: input.values ?? {} } : { values: input.values ?? {} };
      const targetRoot = input.targetPath ?? './';
      ctx.resolveInWorkspace(targetRoot);

      const scratch = await ctx.createTemporaryDirectory();
      ctx.logger.info(`Fetching template ${input.url}`);
      await fetchDirectory(services, locate(input.url, ctx.templateInfo.baseUrl, services.reader), scratch);

      let written = 0;
      for (const file of await listFiles(scratch)) {
        const templated = extension ? file.endsWith(extension) : !withoutTemplating(file);
        const sourceName = extension && templated ? file.slice(0, -extension.length) : file;
        // Names are rendered for every file; a segment rendering empty drops the file (optional files).
        const renderedName = templater.renderString(sourceName, context, `the file name ${file}`);
        if (renderedName.split('/').some((segment) => segment.trim() === '')) {
          ctx.logger.info(`Skipping ${file}: its name renders empty`);
          continue;
        }
        const target = ctx.resolveInWorkspace(path.join(targetRoot, renderedName));
        if (!input.replace && (await stat(target).catch(() => undefined))) {
          ctx.logger.info(`Keeping the existing ${renderedName} (replace is off)`);
          continue;
        }
        const source = path.join(scratch, file);
        const content = await readFile(source);
        const output = templated && !isBinary(content) ? templater.renderString(content.toString('utf8'), context, file) : content;
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, output);
        await chmod(target, (await stat(source)).mode & 0o777);
        written += 1;
      }
      ctx.logger.info(`Wrote ${written} files`);
    },
  };
}
