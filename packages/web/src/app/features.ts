import type { Feature } from './extensions';
import { apiDocsFeature } from '../features/apiDocs';
import { auditFeature } from '../features/audit';
import { authFeature } from '../features/auth';
import { blastRadiusFeature } from '../features/blastRadius';
import { catalogFeature } from '../features/catalog';
import { catalogImportFeature } from '../features/catalogImport';
import { createFeature } from '../features/create';
import { docsFeature } from '../features/docs';
import { entityFeature } from '../features/entity';
import { homeFeature } from '../features/home';
import { notificationsFeature } from '../features/notifications';
import { orgFeature } from '../features/org';
import { searchFeature } from '../features/search';
import { settingsFeature } from '../features/settings';

/** Every feature of the portal. Adding one is a folder under features/ and a line here. */
export const features: Feature[] = [
  homeFeature,
  catalogFeature,
  entityFeature,
  apiDocsFeature,
  orgFeature,
  catalogImportFeature,
  docsFeature,
  createFeature,
  searchFeature,
  blastRadiusFeature,
  settingsFeature,
  authFeature,
  auditFeature,
  notificationsFeature,
];
