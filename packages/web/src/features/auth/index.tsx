import { lazy } from 'react';
import type { Feature } from '../../app/extensions';

const ProfilePage = lazy(() => import('./ProfilePage'));
/** Rendered by App outside the shell: someone signing in has no portal to navigate yet. */
export const SignInPage = lazy(() => import('./SignInPage'));

export { RequireSession } from './RequireSession';
export { UserMenu } from './UserMenu';

export const authFeature: Feature = {
  id: 'auth',
  routes: [{ path: '/settings/profile', element: <ProfilePage />, preload: () => import('./ProfilePage') }],
};
