import type { Plugin } from '../core/plugin';
import { auditPlugin } from './audit';
import { authPlugin } from './auth';
import { catalogPlugin } from './catalog';
import { notificationsPlugin } from './notifications';
import { permissionPlugin } from './permission';
import { scaffolderPlugin } from './scaffolder';
import { searchPlugin } from './search';
import { techdocsPlugin } from './techdocs';
import { userSettingsPlugin } from './userSettings';

/** The plugins a Greenroom server runs, in registration order. Adding a feature is one line here. */
export const builtInPlugins: Plugin[] = [
  authPlugin,
  permissionPlugin,
  catalogPlugin,
  searchPlugin,
  techdocsPlugin,
  userSettingsPlugin,
  scaffolderPlugin,
  notificationsPlugin,
  auditPlugin,
];
