import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const CatalogImportPage = lazy(() => import('./CatalogImportPage'));

export const catalogImportFeature: Feature = {
  id: 'catalog-import',
  routes: [{ path: '/catalog-import', element: <CatalogImportPage /> }],
  nav: [{ path: '/catalog-import', title: 'Register', icon: <AddCircleOutlineIcon />, order: 20 }],
};
