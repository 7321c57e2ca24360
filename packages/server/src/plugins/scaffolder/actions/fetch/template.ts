import path from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../../../../core/errors';
import type { TemplateAction } from '../../extensions';
import { Templater, type TemplaterOptions } from '../../templating/render';
import { locate, readTemplateFiles, writeWorkspaceFiles, type TemplateFileServices, type WorkspaceFile } from './templateFiles';

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

// The few renderer flavours inputs can ask for, each created once so its compiled templates are reused.
const templaters = new Map<string, Templater>();
function templaterFor(input: FetchTemplateInput): Templater {
  const options: TemplaterOptions = {
    syntax: input.cookiecutterCompat ? 'plain' : 'dollar',
    trimBlocks: input.trimBlocks ?? false,
    lstripBlocks: input.lstripBlocks ?? false,
  };
  const key = JSON.stringify(options);
  let templater = templaters.get(key);
  if (!templater) {
    const extraFilters: TemplaterOptions['extraFilters'] = input.cookiecutterCompat
      ? { jsonify: (value: unknown) => JSON.stringify(value) }
      : {};
    templaters.set(key, (templater = new Templater({ ...options, extraFilters })));
  }
  return templater;
}

// Like git and most editors: a NUL byte early on means the file is not text.
const isBinary = (content: Buffer) => content.subarray(0, 8000).includes(0);

export function createFetchTemplateAction(services: TemplateFileServices): TemplateAction<FetchTemplateInput> {
  return {
    id: 'fetch:template',
    description:
      'Copies a skeleton directory into the workspace, rendering `${{ values.x }}` (and Nunjucks tags) in file contents and names.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', title: 'Skeleton directory', description: 'Relative to the template, or a git tree URL' },
          targetPath: { type: 'string', title: 'Target path in the workspace', default: './' },
          values: { type: 'object', title: 'Values the skeleton sees as values.*' },
          copyWithoutTemplating: {
            type: 'array',
            items: { type: 'string' },
            title: 'Globs of files copied as they are (their names are still rendered)',
          },
          templateFileExtension: {
            oneOf: [{ type: 'boolean' }, { type: 'string' }],
            title: 'Render only files with this extension (true = .njk), dropping it',
          },
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
        example:
          'action: fetch:template\ninput:\n  url: ./skeleton\n  values:\n    name: ${{ parameters.name }}\n  copyWithoutTemplating:\n    - .github/workflows/*\n',
      },
    ],
    async handler(ctx) {
      const input = ctx.input;
      if (input.templateFileExtension !== undefined && input.copyWithoutTemplating?.length) {
        throw new InputError('fetch:template: use templateFileExtension or copyWithoutTemplating, not both');
      }
      const extension =
        input.templateFileExtension === true
          ? '.njk'
          : typeof input.templateFileExtension === 'string' && input.templateFileExtension
            ? input.templateFileExtension
            : undefined;
      const withoutTemplating = picomatch(input.copyWithoutTemplating ?? [], { dot: true });
      const templater = templaterFor(input);
      const context = input.cookiecutterCompat ? { cookiecutter: input.values ?? {} } : { values: input.values ?? {} };
      const targetRoot = input.targetPath ?? './';
      ctx.resolveInWorkspace(targetRoot);

      ctx.logger.info(`Fetching template ${input.url}`);
      const source = locate(input.url, ctx.templateInfo.baseUrl, services.reader);
      const files = await readTemplateFiles(services, source, () => ctx.createTemporaryDirectory());

      // Checking a path follows each directory on it, synchronously; files of one directory share
      // the answer, so each directory is checked once (with its first file, named in any error).
      // With `replace` an existing file may be a link leading out, so every file is checked.
      const checkedDirectories = new Set<string>();
      const resolveTarget = (relativePath: string) => {
        const directory = path.dirname(relativePath);
        if (!input.replace && checkedDirectories.has(directory)) return path.resolve(ctx.workspacePath, relativePath);
        const resolved = ctx.resolveInWorkspace(relativePath);
        checkedDirectories.add(directory);
        return resolved;
      };

      // Rendered in memory, then each file written once.
      const outputs: Array<WorkspaceFile & { name: string }> = [];
      for (const file of files) {
        const templated = extension ? file.path.endsWith(extension) : !withoutTemplating(file.path);
        const sourceName = extension && templated ? file.path.slice(0, -extension.length) : file.path;
        // Names are rendered for every file; a segment rendering empty drops the file (optional files).
        const renderedName = templater.renderString(sourceName, context, `the file name ${file.path}`);
        if (renderedName.split('/').some((segment) => segment.trim() === '')) {
          ctx.logger.info(`Skipping ${file.path}: its name renders empty`);
          continue;
        }
        const target = resolveTarget(path.join(targetRoot, renderedName));
        const content =
          templated && !isBinary(file.content) ? templater.renderString(file.content.toString('utf8'), context, file.path) : file.content;
        outputs.push({ name: renderedName, target, content, mode: file.mode });
      }
      const kept = await writeWorkspaceFiles(outputs, { replace: !!input.replace });
      for (const file of kept) ctx.logger.info(`Keeping the existing ${file.name} (replace is off)`);
      const written = outputs.length - kept.length;
      ctx.logger.info(`Wrote ${written} files`);
    },
  };
}
