import type { BulkColumn } from '../../../core/database';

// The column lists the catalog's bulk writes use, in the order their rows are built.
const text = (name: string): BulkColumn => ({ name, pgType: 'text' });
const integer = (name: string): BulkColumn => ({ name, pgType: 'integer' });
const bigint = (name: string): BulkColumn => ({ name, pgType: 'bigint' });

export const ID_COLUMN = bigint('id');
export const ENTITY_ID_COLUMN = bigint('entity_id');
export const BODY_COLUMN = text('body');
export const FINAL_COLUMN = text('final');

export const ENTITY_INSERT_COLUMNS = [
  ...['ref', 'kind', 'namespace', 'name', 'uid', 'location_id', 'source_key', 'parent_ref', 'body_hash'].map(text),
  integer('orphan'),
  integer('stitch_pending'),
  text('updated_at'),
];

export const ENTITY_UPDATE_COLUMNS = [
  text('body_hash'),
  text('errors'),
  integer('orphan'),
  ...['location_id', 'source_key', 'parent_ref'].map(text),
  integer('stitch_pending'),
  text('updated_at'),
];

export const STITCHED_COLUMNS = [text('final_hash'), text('etag'), integer('stitch_pending'), integer('stitched')];

export const RELATION_COLUMNS = [bigint('originating_id'), text('source_ref'), text('type'), text('target_ref')];

export const SEARCH_COLUMNS = [bigint('entity_id'), integer('seq'), text('key'), text('value'), text('original_value')];
