import { stringifyEntityRef } from '@greenroom/model';
import { InputError } from '../../../../core/errors';
import type { CatalogApi } from '../../../catalog/extensions';
import type { TemplateAction } from '../../extensions';

interface RegisterInput {
  catalogInfoUrl?: string;
  repoContentsUrl?: string;
  catalogInfoPath?: string;
  optional?: boolean;
}

export function createCatalogRegisterAction(catalog: () => CatalogApi): TemplateAction<RegisterInput> {
  return {
    id: 'catalog:register',
    description: 'Registers a catalog-info file (usually in the repository just published) with the catalog.',
    schema: {
      input: {
        type: 'object',
        oneOf: [{ required: ['catalogInfoUrl'] }, { required: ['repoContentsUrl'] }],
        properties: {
          catalogInfoUrl: { type: 'string', title: 'URL of the catalog-info.yaml file' },
          repoContentsUrl: { type: 'string', title: 'URL of the repository contents (from publish:* output)' },
          catalogInfoPath: { type: 'string', title: 'Path of the file in the repository', default: '/catalog-info.yaml' },
          optional: { type: 'boolean', title: 'Do not fail when registering fails' },
        },
      },
      output: {
        type: 'object',
        properties: { entityRef: { type: 'string' }, catalogInfoUrl: { type: 'string' } },
      },
    },
    examples: [
      {
        description: 'Register what publish:git pushed',
        example: 'action: catalog:register\ninput:\n  repoContentsUrl: ${{ steps.publish.output.repoContentsUrl }}\n  catalogInfoPath: /catalog-info.yaml\n',
      },
    ],
    async handler(ctx) {
      const { repoContentsUrl, optional } = ctx.input;
      const catalogInfoUrl =
        ctx.input.catalogInfoUrl ??
        (repoContentsUrl ? `${repoContentsUrl.replace(/\/+$/, '')}/${(ctx.input.catalogInfoPath ?? '/catalog-info.yaml').replace(/^\/+/, '')}` : undefined);
      if (!catalogInfoUrl) throw new InputError('catalog:register needs catalogInfoUrl, or repoContentsUrl and catalogInfoPath');
      ctx.logger.info(`Registering ${catalogInfoUrl} in the catalog`);
      try {
        const { entities } = await catalog().addLocation({ type: 'url', target: catalogInfoUrl });
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        // The registration's own Location entity is not what the user created; the file's first other entity is.
        const entity = entities.find((e) => e.kind !== 'Location') ?? entities[0];
        if (entity) ctx.output('entityRef', stringifyEntityRef(entity));
      } catch (error) {
        if (!optional) throw error;
        ctx.logger.warn(`Registering failed, which this step allows: ${(error as Error).message}`);
      }
    },
  };
}
