import SettingsIcon from '@mui/icons-material/Settings';
import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const SettingsPage = lazy(() => import('./SettingsPage'));

export const settingsFeature: Feature = {
  id: 'settings',
  routes: [{ path: '/settings', element: <SettingsPage /> }],
  nav: [{ path: '/settings', title: 'Settings', icon: <SettingsIcon />, order: 90 }],
};
