// Well-known annotation keys that Greenroom reads or writes. They keep
// Backstage's names so existing descriptor files and plugins work unchanged.

/** `<type>:<target>` of the source an entity was read from; set by the catalog. */
export const ANNOTATION_MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
/** The registered location that caused this entity to be read (e.g. `bootstrap:bootstrap`). */
export const ANNOTATION_MANAGED_BY_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
/** `"true"` when nothing keeps the entity alive any more; set by stitching, never by hand. */
export const ANNOTATION_ORPHAN = 'backstage.io/orphan';
/** `url:<...>` of the entity's source code; folders end with `/`. */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
/** Overrides the "View source" link. */
export const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
/** Overrides the "Edit" link. */
export const ANNOTATION_EDIT_URL = 'backstage.io/edit-url';
/** Where the entity's mkdocs.yml lives: `dir:.` or `url:https://...`. */
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
/** `kind:namespace/name` of another entity whose documentation this entity shows (e.g. a system's docs on its components). */
export const ANNOTATION_TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';
