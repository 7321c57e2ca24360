import type { UrlReader } from '../../core/reader';
import type { Permissions } from '../../core/permissions';
import type { CatalogEngine } from './processing/CatalogEngine';
import type { ProcessingSettings } from './processing/walkLocation';
import type { EntityQueries } from './query/EntityQueries';
import type { FacetCache } from './query/FacetCache';
import type { LocationStore } from './store/LocationStore';

/** What the catalog's routes work with; assembled once in index.ts. */
export interface CatalogService {
  queries: EntityQueries;
  facetCache: FacetCache;
  locations: LocationStore;
  engine: CatalogEngine;
  settings: ProcessingSettings;
  /** Every read asks it what the caller may see (permissionRules.ts). */
  permissions: Permissions;
  readonly: boolean;
  /** Routes check a target against the reading policy with it before storing the target. */
  reader: UrlReader;
}
