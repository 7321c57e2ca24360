import CreateNewFolderIcon from '@mui/icons-material/CreateNewFolder';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const CreatePage = lazy(() => import('./CreatePage'));

export const createFeature: Feature = {
  id: 'create',
  routes: [{ path: '/create', element: <CreatePage /> }],
  nav: [{ path: '/create', title: 'Create', icon: <CreateNewFolderIcon />, order: 40 }],
};
