import type { Entity } from '@greenroom/model';
import type { EventBus } from '../../../core/events';
import { entityDocument, type CatalogApi } from '../../catalog/extensions';
import type { SearchCollator, SearchDocument } from '../../search/extensions';

export const TEMPLATE_DOCUMENT_TYPE = 'software-template';

const isTemplateRef = (ref: string) => ref.toLowerCase().startsWith('template:');

/** A template as a search document, linking to its wizard rather than its catalog page. */
function templateDocument(entity: Entity): SearchDocument {
  const namespace = entity.metadata.namespace ?? 'default';
  const ref = `template:${namespace}/${entity.metadata.name}`.toLowerCase();
  return {
    ...entityDocument(ref, entity),
    location: `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(entity.metadata.name)}`,
  };
}

/** The templates of the catalog, for the search page's Templates tab; follows catalog changes. */
export function createTemplateCollator(catalog: () => CatalogApi, events: EventBus): SearchCollator {
  return {
    type: TEMPLATE_DOCUMENT_TYPE,
    async *all() {
      for (const entity of await catalog().getEntities({ filter: 'kind=template' })) yield templateDocument(entity);
    },
    async byKeys(keys) {
      const entities = await catalog().getEntitiesByRefs(keys);
      return entities.map((entity) => (entity ? templateDocument(entity) : null));
    },
    onChange(listener) {
      return events.subscribe('entity.changed', ({ added, updated, removed }) => {
        const templates = [...added, ...updated, ...removed].filter(isTemplateRef);
        if (templates.length) listener(templates);
      });
    },
  };
}
