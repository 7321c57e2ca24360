import { parseEntityRef, type Entity } from '@greenroom/model';
import type { EventBus } from '../../../core/events';
import type { CatalogApi } from '../../catalog/extensions';
import type { SearchCollator, SearchDocument } from '../../search/extensions';
import type { BuildStore } from '../BuildStore';
import { sitePrefix } from '../DocsBuilds';
import type { Publisher } from '../publisher';

export const TECHDOCS_DOCUMENT_TYPE = 'techdocs';

interface IndexEntry {
  location: string;
  title: string;
  text: string;
}

/** `<entity ref>|<page location>`: one document per page and per section of a page. */
const keyOf = (entityRef: string, location: string) => `${entityRef}|${location}`;

/**
 * Every page and section of the published documentation, from each site's
 * `search/search_index.json`, linking to the reader at the heading. Follows `docs.built`.
 */
export function createTechdocsCollator(deps: {
  catalog: () => CatalogApi;
  store: BuildStore;
  publisher: Publisher;
  events: EventBus;
}): SearchCollator {
  /** Keys indexed per entity, so a rebuild that drops a page removes its documents. */
  const known = new Map<string, Set<string>>();

  const documentsOf = async (entityRef: string): Promise<SearchDocument[]> => {
    const entity = await deps.catalog().getEntityByRef(entityRef);
    if (!entity) return [];
    const index = await deps.publisher
      .read(sitePrefix(entity), 'search/search_index.json')
      .then((buffer) => JSON.parse(buffer.toString('utf8')) as { docs?: IndexEntry[] })
      .catch(() => ({ docs: [] }));
    const docs = (index.docs ?? []).map((entry) => document(entityRef, entity, entry));
    known.set(entityRef, new Set(docs.map((doc) => doc.key)));
    return docs;
  };

  return {
    type: TECHDOCS_DOCUMENT_TYPE,
    async *all() {
      for (const ref of await deps.store.builtRefs()) yield* await documentsOf(ref);
    },
    async byKeys(keys) {
      const byEntity = new Map<string, SearchDocument[]>();
      for (const ref of new Set(keys.map((key) => key.split('|')[0]))) {
        byEntity.set(ref, await documentsOf(ref));
      }
      return keys.map((key) => byEntity.get(key.split('|')[0])?.find((doc) => doc.key === key) ?? null);
    },
    onChange(listener) {
      const stopBuilt = deps.events.subscribe('docs.built', async ({ entityRef }) => {
        const before = known.get(entityRef) ?? new Set<string>();
        const now = (await documentsOf(entityRef)).map((doc) => doc.key);
        listener([...new Set([...before, ...now])]);
      });
      // Documents carry their entity's title, owner and lifecycle, and go when the entity goes.
      const stopChanged = deps.events.subscribe('entity.changed', ({ updated, removed }) => {
        const changed = new Set([...updated, ...removed].map((ref) => ref.toLowerCase()));
        const keys = [...known].flatMap(([entityRef, docKeys]) => (changed.has(entityRef.toLowerCase()) ? [...docKeys] : []));
        if (keys.length) listener(keys);
      });
      return () => {
        stopBuilt();
        stopChanged();
      };
    },
  };
}

function document(entityRef: string, entity: Entity, entry: IndexEntry): SearchDocument {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  // The stitched relation is the resolved owner; spec.owner stands in before stitching.
  const ownerRef =
    entity.relations?.find((relation) => relation.type === 'ownedBy')?.targetRef.toLowerCase() ??
    (owner ? (owner.includes(':') ? owner : `group:${namespace}/${owner}`).toLowerCase() : undefined);
  const lifecycle = typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle.toLowerCase() : undefined;
  return {
    key: keyOf(entityRef, entry.location),
    title: entry.title,
    text: entry.text,
    location: `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/docs/${entry.location}`,
    fields: {
      entityRef,
      kind,
      namespace,
      name,
      entityTitle: entity.metadata.title ?? entity.metadata.name,
      ...(ownerRef && { owner: ownerRef }),
      ...(lifecycle && { lifecycle }),
    },
    filters: {
      entity: [entityRef.toLowerCase()],
      kind: [kind],
      namespace: [namespace],
      ...(ownerRef && { owner: [ownerRef] }),
      ...(lifecycle && { lifecycle: [lifecycle] }),
    },
  };
}
