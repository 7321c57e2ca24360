import HomeIcon from '@mui/icons-material/Home';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const loadHomePage = () => import('./HomePage');
const HomePage = lazy(loadHomePage);

export const homeFeature: Feature = {
  id: 'home',
  routes: [{ path: '/', element: <HomePage />, preload: loadHomePage }],
  nav: [{ path: '/', title: 'Home', icon: <HomeIcon />, order: 0 }],
};
