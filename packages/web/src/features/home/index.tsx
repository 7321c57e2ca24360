import HomeIcon from '@mui/icons-material/Home';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const HomePage = lazy(() => import('./HomePage'));

export const homeFeature: Feature = {
  id: 'home',
  routes: [{ path: '/', element: <HomePage /> }],
  nav: [{ path: '/', title: 'Home', icon: <HomeIcon />, order: 0 }],
};
