import MenuBookIcon from '@mui/icons-material/MenuBook';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const DocsIndexPage = lazy(() => import('./DocsIndexPage'));

export const docsFeature: Feature = {
  id: 'docs',
  routes: [{ path: '/docs', element: <DocsIndexPage /> }],
  nav: [{ path: '/docs', title: 'Docs', icon: <MenuBookIcon />, order: 30 }],
};
