import type { Entity } from '@greenroom/model';
import { lazy } from 'react';
import { isKind, type Feature } from '../../app/extensions';

const loadEntityPage = () => import('./EntityPage');
const loadOverviewTab = () => import('./OverviewTab');
const loadGraphCard = () => import('./graph/EntityGraphCard');
const EntityPage = lazy(loadEntityPage);
const OverviewTab = lazy(loadOverviewTab);
const RawYamlTab = lazy(() => import('./RawYamlTab'));
const AboutCard = lazy(() => import('./AboutCard'));
const RelationsCard = lazy(() => import('./RelationsCard'));
const EntityGraphCard = lazy(loadGraphCard);

// People and teams get the org feature's profile cards instead.
const isNotOrg = (entity: Entity) => !isKind('group', 'user')(entity);

/** The entity page itself; its tabs and cards come from every feature's `entityTabs`/`entityCards`. */
export const entityFeature: Feature = {
  id: 'entity',
  routes: [
    {
      path: '/catalog/:namespace/:kind/:name/*',
      element: <EntityPage />,
      // The page, its overview and the graph are chunks that would otherwise load one after another.
      preload: () => Promise.all([loadEntityPage(), loadOverviewTab(), loadGraphCard()]),
    },
  ],
  entityTabs: [
    { id: 'overview', path: '', title: 'Overview', order: 0, component: OverviewTab },
    { id: 'yaml', path: 'yaml', title: 'YAML', order: 1000, component: RawYamlTab },
  ],
  entityCards: [
    { id: 'about', order: 10, width: 8, appliesTo: isNotOrg, component: AboutCard },
    { id: 'relations', order: 20, width: 4, appliesTo: isNotOrg, component: RelationsCard },
    { id: 'graph', order: 900, width: 12, component: EntityGraphCard },
  ],
};
