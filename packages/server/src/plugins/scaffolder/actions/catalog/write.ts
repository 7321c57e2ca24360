import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { TemplateAction } from '../../extensions';

export function createCatalogWriteAction(): TemplateAction<{ filePath?: string; entity: Record<string, unknown> }> {
  return {
    id: 'catalog:write',
    description: 'Writes an entity as YAML into the workspace (catalog-info.yaml unless told otherwise).',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        required: ['entity'],
        properties: {
          filePath: { type: 'string', title: 'File path in the workspace', default: 'catalog-info.yaml' },
          entity: { type: 'object', title: 'The entity to write' },
        },
      },
    },
    examples: [
      {
        description: 'Describe the new component',
        example:
          'action: catalog:write\ninput:\n  entity:\n    apiVersion: backstage.io/v1alpha1\n    kind: Component\n    metadata:\n      name: ${{ parameters.name }}\n    spec:\n      type: service\n      owner: ${{ parameters.owner }}\n      lifecycle: experimental\n',
      },
    ],
    async handler(ctx) {
      const filePath = ctx.input.filePath ?? 'catalog-info.yaml';
      const target = ctx.resolveInWorkspace(filePath);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, stringify(ctx.input.entity));
      ctx.logger.info(`Wrote ${filePath}`);
    },
  };
}
