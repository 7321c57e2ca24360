import CategoryIcon from '@mui/icons-material/Category';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const CatalogPage = lazy(() => import('./CatalogPage'));

export const catalogFeature: Feature = {
  id: 'catalog',
  routes: [{ path: '/catalog', element: <CatalogPage /> }],
  nav: [{ path: '/catalog', title: 'Catalog', icon: <CategoryIcon />, order: 10 }],
};
