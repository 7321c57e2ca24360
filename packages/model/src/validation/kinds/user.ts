import { CORE_API_VERSIONS, listOfStrings, profile, type KindSchema } from './types';

export const userKind: KindSchema = {
  kind: 'User',
  apiVersions: CORE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    // memberOf must be present, even when empty ([]); it lists direct memberships only.
    required: ['memberOf'],
    properties: { profile, memberOf: listOfStrings },
  },
};
