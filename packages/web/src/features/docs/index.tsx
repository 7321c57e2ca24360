import { ANNOTATION_TECHDOCS_REF } from '@greenroom/model';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const DocsIndexPage = lazy(() => import('./DocsIndexPage'));
const EntityDocsTab = lazy(() => import('./EntityDocsTab'));

export const docsFeature: Feature = {
  id: 'docs',
  routes: [{ path: '/docs', element: <DocsIndexPage /> }],
  nav: [{ path: '/docs', title: 'Docs', icon: <MenuBookIcon />, order: 30 }],
  entityTabs: [
    {
      id: 'docs',
      path: 'docs',
      title: 'Docs',
      order: 40,
      appliesTo: (entity) => Boolean(entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]),
      component: EntityDocsTab,
    },
  ],
};
