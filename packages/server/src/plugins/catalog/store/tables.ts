import type { Generated } from 'kysely';

/** The catalog's own tables. No other plugin reads them: they go through the catalog's API. */
export interface CatalogTables {
  catalog_locations: {
    id: string;
    type: string;
    target: string;
    /** 'config' or 'api': config locations are reconciled with greenroom.yaml at start. */
    origin: string;
    /** Registration order; an earlier location keeps an entity ref that a later one also claims. */
    position: number;
    entity_ref: string;
    /** JSON: { lastRefreshAt, durationMs, errors: LocationError[] } */
    status: string | null;
    created_at: string;
  };
  catalog_sources: {
    location_id: string;
    source_key: string;
    /** Hash of the content, its placeholder files and the processing settings; equal means skip. */
    hash: string;
    /** JSON: placeholder files read while processing, [{ type, target, hash }] */
    deps: string;
  };
  catalog_entities: {
    id: Generated<number>;
    ref: string;
    kind: string;
    namespace: string;
    name: string;
    uid: string;
    location_id: string;
    source_key: string;
    parent_ref: string | null;
    body_hash: string;
    /** JSON array of status items (processing errors), or null. */
    errors: string | null;
    orphan: number;
    /** 1 once stitched: only stitched entities are served. */
    stitched: number;
    final_hash: string | null;
    etag: string | null;
    stitch_pending: number;
    updated_at: string;
  };
  /** The JSON documents, apart from the entity rows so that scans and sorts over entities stay small. */
  catalog_documents: {
    entity_id: number;
    /** The processed entity: no relations, no status, no uid/etag. */
    body: string;
    /** What the API serves; null until the entity is stitched for the first time. */
    final: string | null;
  };
  catalog_relations: {
    originating_id: number;
    source_ref: string;
    type: string;
    target_ref: string;
  };
  catalog_search: {
    entity_id: number;
    /** Position of the row among its entity's rows. */
    seq: number;
    key: string;
    value: string | null;
    /** The value as written, only where it differs from `value` (lowercase). */
    original_value: string | null;
  };
}
