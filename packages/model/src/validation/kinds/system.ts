import { CORE_API_VERSIONS, nonEmptyString, type KindSchema } from './types';

export const systemKind: KindSchema = {
  kind: 'System',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    required: ['owner'],
    properties: { owner: nonEmptyString, domain: nonEmptyString, type: nonEmptyString },
  },
};
