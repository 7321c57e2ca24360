import { CORE_API_VERSIONS, listOfStrings, nonEmptyString, type KindSchema } from './types';

export const locationKind: KindSchema = {
  kind: 'Location',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    // type may be left out: it is inherited from the location that read this file.
    properties: {
      type: nonEmptyString,
      target: nonEmptyString,
      targets: listOfStrings,
      presence: { type: 'string', enum: ['required', 'optional'] },
    },
  },
};
