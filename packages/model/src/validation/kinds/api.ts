import { CORE_API_VERSIONS, nonEmptyString, type KindSchema } from './types';

export const apiKind: KindSchema = {
  kind: 'API',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    required: ['type', 'lifecycle', 'owner', 'definition'],
    properties: {
      type: nonEmptyString,
      lifecycle: nonEmptyString,
      owner: nonEmptyString,
      system: nonEmptyString,
      // Usually filled from a file with `$text: ./openapi.yaml` before validation.
      definition: nonEmptyString,
    },
  },
};
