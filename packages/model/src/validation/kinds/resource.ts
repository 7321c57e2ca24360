import { CORE_API_VERSIONS, listOfStrings, nonEmptyString, type KindSchema } from './types';

export const resourceKind: KindSchema = {
  kind: 'Resource',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    required: ['type', 'owner'],
    properties: {
      type: nonEmptyString,
      owner: nonEmptyString,
      system: nonEmptyString,
      dependsOn: listOfStrings,
      dependencyOf: listOfStrings,
    },
  },
};
