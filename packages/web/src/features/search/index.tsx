import SearchIcon from '@mui/icons-material/Search';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const SearchPage = lazy(() => import('./SearchPage'));

export const searchFeature: Feature = {
  id: 'search',
  routes: [{ path: '/search', element: <SearchPage /> }],
  nav: [{ path: '/search', title: 'Search', icon: <SearchIcon />, order: 50 }],
};
