import { CORE_API_VERSIONS, listOfStrings, nonEmptyString, profile, type KindSchema } from './types';

export const groupKind: KindSchema = {
  kind: 'Group',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    // children must be present, even when empty ([]).
    required: ['type', 'children'],
    properties: {
      type: nonEmptyString,
      profile,
      parent: nonEmptyString,
      children: listOfStrings,
      members: listOfStrings,
    },
  },
};
