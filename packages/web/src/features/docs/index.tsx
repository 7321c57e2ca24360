import MenuBookIcon from '@mui/icons-material/MenuBook';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';
import { docsSiteOf } from './api';
import DocsReaderRedirect from './DocsReaderRedirect';

const DocsIndexPage = lazy(() => import('./DocsIndexPage'));
const EntityDocsTab = lazy(() => import('./EntityDocsTab'));

export const docsFeature: Feature = {
  id: 'docs',
  routes: [
    { path: '/docs', element: <DocsIndexPage /> },
    { path: '/docs/:namespace/:kind/:name/*', element: <DocsReaderRedirect /> },
  ],
  nav: [{ path: '/docs', title: 'Docs', icon: <MenuBookIcon />, order: 30 }],
  entityTabs: [
    {
      id: 'docs',
      path: 'docs',
      title: 'Docs',
      order: 40,
      appliesTo: (entity) => Boolean(docsSiteOf(entity)),
      component: EntityDocsTab,
    },
  ],
};
