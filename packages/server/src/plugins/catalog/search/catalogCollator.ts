import type { Entity } from '@greenroom/model';
import type { EventBus } from '../../../core/events';
import type { SearchCollator, SearchDocument } from '../../search/extensions';
import type { EntityQueries } from '../query/EntityQueries';

export const CATALOG_DOCUMENT_TYPE = 'software-catalog';

const PAGE_SIZE = 500;

/** Relation type → the search filter that names its targets. */
const RELATION_FILTERS: Record<string, string> = {
  dependsOn: 'dependsOn',
  dependencyOf: 'dependencyOf',
  consumesApi: 'consumes',
  apiConsumedBy: 'consumedBy',
  providesApi: 'provides',
  apiProvidedBy: 'providedBy',
  partOf: 'partOf',
  hasPart: 'hasPart',
  memberOf: 'memberOf',
  hasMember: 'hasMember',
  parentOf: 'parentOf',
  childOf: 'childOf',
  ownedBy: 'owner',
};

/** One search document per served entity, keyed by its ref. */
export function entityDocument(ref: string, entity: Entity): SearchDocument {
  const { kind, metadata } = entity;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const namespace = metadata.namespace ?? 'default';
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const filters: Record<string, string[]> = {
    kind: [kind.toLowerCase()],
    namespace: [namespace.toLowerCase()],
    tag: (metadata.tags ?? []).map((t) => t.toLowerCase()),
    entity: [ref.toLowerCase()],
  };
  if (text(spec.type)) filters.type = [text(spec.type).toLowerCase()];
  if (text(spec.lifecycle)) filters.lifecycle = [text(spec.lifecycle).toLowerCase()];
  for (const relation of entity.relations ?? []) {
    const key = RELATION_FILTERS[relation.type];
    if (key) (filters[key] ??= []).push(relation.targetRef.toLowerCase());
  }
  filters.system = (filters.partOf ?? []).filter((target) => target.startsWith('system:'));
  const owner = filters.owner?.[0];
  const fields: Record<string, string> = {
    entityRef: ref,
    kind: kind.toLowerCase(),
    namespace: namespace.toLowerCase(),
    name: metadata.name,
  };
  if (filters.type) fields.type = filters.type[0];
  if (filters.lifecycle) fields.lifecycle = filters.lifecycle[0];
  if (owner) fields.owner = owner;
  if (filters.system.length) fields.system = filters.system.join(',');
  if (metadata.tags?.length) fields.tags = metadata.tags.join(',');
  return {
    key: ref,
    title: metadata.title ?? metadata.name,
    text: metadata.description ?? '',
    location: `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(metadata.name)}`,
    fields,
    filters,
    boostTerms: [metadata.name],
  };
}

/** The catalog as search documents; follows `entity.changed` so the index stays current. */
export function createCatalogCollator(queries: EntityQueries, events: EventBus): SearchCollator {
  return {
    type: CATALOG_DOCUMENT_TYPE,
    async *all() {
      let afterId = 0;
      for (;;) {
        const rows = await queries.servedAfter(afterId, PAGE_SIZE);
        for (const row of rows) yield entityDocument(row.ref, JSON.parse(row.final) as Entity);
        if (rows.length < PAGE_SIZE) return;
        afterId = rows[rows.length - 1].id;
      }
    },
    async byKeys(keys) {
      const rows = await queries.byRefs(keys);
      return rows.map((row) => (row ? entityDocument(row.ref, JSON.parse(row.final) as Entity) : null));
    },
    onChange(listener) {
      return events.subscribe('entity.changed', ({ added, updated, removed }) => listener([...added, ...updated, ...removed]));
    },
  };
}
