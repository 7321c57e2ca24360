import { lazy } from 'react';
import { isKind, type Feature } from '../../app/extensions';

const ApiDefinitionTab = lazy(() => import('./ApiDefinitionTab'));
const ProvidedApisCard = lazy(() => import('./ApiCards').then((m) => ({ default: m.ProvidedApisCard })));
const ConsumedApisCard = lazy(() => import('./ApiCards').then((m) => ({ default: m.ConsumedApisCard })));
const ProvidersAndConsumersCard = lazy(() => import('./ApiCards').then((m) => ({ default: m.ProvidersAndConsumersCard })));

/** APIs on the entity page: what a component provides and consumes, and an API's definition. */
export const apiDocsFeature: Feature = {
  id: 'api-docs',
  entityTabs: [
    { id: 'api-definition', path: 'definition', title: 'Definition', order: 100, appliesTo: isKind('api'), component: ApiDefinitionTab },
  ],
  entityCards: [
    { id: 'provided-apis', order: 30, width: 6, appliesTo: isKind('component'), component: ProvidedApisCard },
    { id: 'consumed-apis', order: 31, width: 6, appliesTo: isKind('component'), component: ConsumedApisCard },
    { id: 'api-providers-consumers', order: 30, width: 12, appliesTo: isKind('api'), component: ProvidersAndConsumersCard },
  ],
};
