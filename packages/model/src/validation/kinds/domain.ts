import { CORE_API_VERSIONS, nonEmptyString, type KindSchema } from './types';

export const domainKind: KindSchema = {
  kind: 'Domain',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    required: ['owner'],
    properties: { owner: nonEmptyString, subdomainOf: nonEmptyString, type: nonEmptyString },
  },
};
