import { parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import { useQuery } from '@tanstack/react-query';
import { getEntitiesByRefs } from '../../api/catalog';

const ROW_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
];

/** One related entity as a table row; `entity` is null when the catalog does not serve the ref. */
export interface RelatedRow {
  ref: string;
  entity: Entity | null;
}

/** Targets of one relation type (providesApi, apiConsumedBy, …), loaded in one request. */
export function useRelatedEntities(entity: Entity, relationType: string) {
  const refs = [...new Set((entity.relations ?? []).filter((r) => r.type === relationType).map((r) => r.targetRef))].sort();
  return useQuery({
    queryKey: ['related-entities', stringifyEntityRef(entity), relationType, refs],
    queryFn: async (): Promise<RelatedRow[]> => {
      const items = await getEntitiesByRefs(refs, ROW_FIELDS);
      return refs.map((ref, i) => ({ ref, entity: items[i] ?? null }));
    },
  });
}

/** spec.owner as a full ref: a bare name means a group in the entity's own namespace. */
export function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }));
  } catch {
    return undefined;
  }
}
