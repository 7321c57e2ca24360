import type { SchemaObject } from 'ajv';
import { nonEmptyString, type KindSchema } from './types';

const jsonSchemaForm = { type: 'object' } as const;

function templateSpec(options: { each: boolean; linkNeedsUrl: boolean }): SchemaObject {
  const step: SchemaObject = {
    type: 'object',
    required: ['action'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      action: { type: 'string' },
      input: { type: 'object' },
      // A templated expression ("${{ parameters.x }}") or a literal boolean.
      if: { type: ['string', 'boolean'] },
      ...(options.each ? { each: { type: ['string', 'array'] } } : {}),
    },
  };
  const link: SchemaObject = {
    type: 'object',
    ...(options.linkNeedsUrl ? { required: ['url'] } : {}),
    properties: { url: nonEmptyString, entityRef: nonEmptyString, title: nonEmptyString, icon: nonEmptyString },
  };
  return {
    type: 'object',
    required: ['type', 'steps'],
    properties: {
      type: nonEmptyString,
      owner: nonEmptyString,
      // One form, or a list of forms shown as the pages of a wizard.
      parameters: { oneOf: [jsonSchemaForm, { type: 'array', items: jsonSchemaForm }] },
      steps: { type: 'array', items: step },
      output: {
        type: 'object',
        properties: {
          links: { type: 'array', items: link },
          text: { type: 'array', items: { type: 'object' } },
        },
        additionalProperties: { type: 'string' },
      },
    },
  };
}

/** The current Template format (scaffolder v1beta3). */
export const templateKind: KindSchema = {
  kind: 'Template',
  apiVersions: ['scaffolder.backstage.io/v1beta3'],
  specRequired: true,
  spec: templateSpec({ each: true, linkNeedsUrl: false }),
};

/** The older Template format, still found in existing repositories. */
export const templateV1beta2Kind: KindSchema = {
  kind: 'Template',
  apiVersions: ['backstage.io/v1beta2'],
  specRequired: true,
  spec: templateSpec({ each: false, linkNeedsUrl: true }),
};
