import CategoryIcon from '@mui/icons-material/Category';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const loadCatalogPage = () => import('./CatalogPage');
const CatalogPage = lazy(loadCatalogPage);

export const catalogFeature: Feature = {
  id: 'catalog',
  routes: [{ path: '/catalog', element: <CatalogPage />, preload: loadCatalogPage }],
  nav: [{ path: '/catalog', title: 'Catalog', icon: <CategoryIcon />, order: 10 }],
};
