import type { Entity } from '@greenroom/model';
import type { Principal } from '../../core/identity';
import { extensionPoint } from '../../core/plugin';

/**
 * What other plugins may ask of the catalog, shaped like its HTTP API (an in-process
 * catalog client). The catalog contributes exactly one; a consumer reads it lazily
 * (after registration) with `ctx.contributions(catalogApi)[0]`.
 */
export interface CatalogApi {
  /** The stitched entity, or undefined when there is none. Refs use Backstage's `kind:namespace/name` form. */
  getEntityByRef(ref: string): Promise<Entity | undefined>;
  /** Entities for refs, in order; undefined where missing. */
  getEntitiesByRefs(refs: string[]): Promise<Array<Entity | undefined>>;
  /**
   * Entities matching `filter` in the `GET /entities?filter=` syntax (`kind=template,spec.type=service`;
   * several strings are ORed), ordered by name. `principal` expands Backstage's current-user filter values.
   */
  getEntities(request: { filter?: string | string[]; limit?: number; principal?: Principal }): Promise<Entity[]>;
  /**
   * Registers a location (as `POST /locations`) and processes it before answering; an existing
   * location is refreshed instead. Answers the entities the location produced.
   */
  addLocation(location: { type: 'url' | 'file'; target: string }): Promise<{ locationId: string; exists: boolean; entities: Entity[] }>;
  /** Reads a location without storing it (as `POST /locations?dryRun=true`). */
  analyzeLocation(location: { type: 'url' | 'file'; target: string }): Promise<{ entities: Entity[]; errors: Array<{ message: string }> }>;
  /** Re-processes the location an entity came from, waiting until done. */
  refreshEntity(ref: string): Promise<void>;
}

export const catalogApi = extensionPoint<CatalogApi>('catalog.api');

/**
 * An entity as a search document: title, text, the facets (kind, type, owner, lifecycle, tags) and
 * relationship filters the query language knows. For collators of other plugins that index
 * entities under their own type (e.g. templates).
 */
export { entityDocument } from './search/catalogCollator';
