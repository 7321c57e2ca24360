import { CORE_API_VERSIONS, listOfStrings, nonEmptyString, type KindSchema } from './types';

export const componentKind: KindSchema = {
  kind: 'Component',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    required: ['type', 'lifecycle', 'owner'],
    properties: {
      type: nonEmptyString,
      lifecycle: nonEmptyString,
      owner: nonEmptyString,
      system: nonEmptyString,
      subcomponentOf: nonEmptyString,
      providesApis: listOfStrings,
      consumesApis: listOfStrings,
      dependsOn: listOfStrings,
      dependencyOf: listOfStrings,
    },
  },
};
