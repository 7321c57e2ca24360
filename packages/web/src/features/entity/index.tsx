import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const EntityPage = lazy(() => import('./EntityPage'));
const OverviewTab = lazy(() => import('./OverviewTab'));
const RawYamlTab = lazy(() => import('./RawYamlTab'));

/** The entity page itself; its tabs and cards come from every feature's `entityTabs`/`entityCards`. */
export const entityFeature: Feature = {
  id: 'entity',
  routes: [{ path: '/catalog/:namespace/:kind/:name/*', element: <EntityPage /> }],
  entityTabs: [
    { id: 'overview', path: '', title: 'Overview', order: 0, component: OverviewTab },
    { id: 'yaml', path: 'yaml', title: 'YAML', order: 1000, component: RawYamlTab },
  ],
};
