export type { CompoundEntityRef, Entity, EntityLink, EntityMeta, EntityRelation, EntityStatusItem } from './entity';
export {
  DEFAULT_NAMESPACE,
  InvalidEntityRefError,
  InvalidLocationRefError,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
  stringifyLocationRef,
  type EntityRefContext,
} from './refs';
export {
  ANNOTATION_EDIT_URL,
  ANNOTATION_MANAGED_BY_LOCATION,
  ANNOTATION_MANAGED_BY_ORIGIN_LOCATION,
  ANNOTATION_ORPHAN,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TECHDOCS_ENTITY,
  ANNOTATION_TECHDOCS_REF,
  ANNOTATION_VIEW_URL,
} from './annotations';
export {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PAIRS,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  deriveRelations,
  reverseRelationType,
  type EmittedRelation,
} from './relations';
export { createKindRegistry, type CustomKindDefinition, type KindRegistry } from './validation/registry';
export { validateEntity } from './validation/validate';
export type { ValidationIssue } from './validation/types';
export { YamlSyntaxError, canParseFast, documentsFromValues, loadFast, parseCatalogYaml, type ParsedDocument } from './yaml';
export {
  checkCatalogFile,
  checkEntityDocument,
  formatFieldPath,
  formatProblem,
  type CheckedDocument,
  type EntityProblem,
} from './problems';
export type { EntityGraph, GraphEdge, GraphNode } from './graph';
export type { AccessToken } from './auth';
