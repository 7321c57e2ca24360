import type { Feature } from '../../app/extensions';

/** APIs on the entity page: what a component provides and consumes, and an API's definition. */
export const apiDocsFeature: Feature = {
  id: 'api-docs',
};
