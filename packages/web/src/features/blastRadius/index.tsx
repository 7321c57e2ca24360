import { lazy } from 'react';
import { isKind, type Feature } from '../../app/extensions';

const BlastRadiusCard = lazy(() => import('./BlastRadiusCard'));

/** "What breaks if this changes?" on the pages of the entities others build on. */
export const blastRadiusFeature: Feature = {
  id: 'blastRadius',
  entityCards: [
    { id: 'blast-radius', order: 800, width: 12, appliesTo: isKind('component', 'api', 'resource'), component: BlastRadiusCard },
  ],
};
