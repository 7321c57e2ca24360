import { parseEntityRef, stringifyEntityRef } from '@greenroom/model';
import { InputError, NotFoundError } from '../../../../core/errors';
import type { CatalogApi } from '../../../catalog/extensions';
import type { TemplateAction } from '../../extensions';

interface FetchInput {
  entityRef?: string;
  entityRefs?: string[];
  optional?: boolean;
  defaultKind?: string;
  defaultNamespace?: string;
}

export function createCatalogFetchAction(catalog: () => CatalogApi): TemplateAction<FetchInput> {
  return {
    id: 'catalog:fetch',
    description: 'Reads entities from the catalog for later steps (output entity, or entities in the order asked).',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        oneOf: [{ required: ['entityRef'] }, { required: ['entityRefs'] }],
        properties: {
          entityRef: { type: 'string' },
          entityRefs: { type: 'array', items: { type: 'string' } },
          optional: { type: 'boolean', title: 'Answer null instead of failing for a missing entity' },
          defaultKind: { type: 'string' },
          defaultNamespace: { type: 'string' },
        },
      },
      output: { type: 'object', properties: { entity: { type: 'object' }, entities: { type: 'array' } } },
    },
    examples: [{ description: 'Fetch the owner', example: 'action: catalog:fetch\ninput:\n  entityRef: ${{ parameters.owner }}\n  defaultKind: group\n' }],
    async handler(ctx) {
      const { optional, defaultKind, defaultNamespace } = ctx.input;
      const canonical = (ref: string) => {
        try {
          return stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace }));
        } catch (error) {
          throw new InputError(`catalog:fetch: ${(error as Error).message}`);
        }
      };
      const refs = ctx.input.entityRef !== undefined ? [ctx.input.entityRef] : (ctx.input.entityRefs ?? []);
      const found = await catalog().getEntitiesByRefs(refs.map(canonical));
      const missing = refs.filter((_, index) => !found[index]);
      if (missing.length && !optional) throw new NotFoundError(`catalog:fetch: ${missing.join(', ')} not found in the catalog`);
      if (ctx.input.entityRef !== undefined) ctx.output('entity', found[0] ?? null);
      else ctx.output('entities', found.map((entity) => entity ?? null));
    },
  };
}
