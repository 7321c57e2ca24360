import type { Entity, EntityGraph, EntityProblem } from '@greenroom/model';
import { apiFetch } from './http';

const BASE = '/api/catalog';

/** One AND-group of field conditions; a value list means "any of", null means "has the field". Backstage's `filter=` shape. */
export type EntityFilter = Record<string, string | string[] | null>;

export interface EntityQuery {
  filter?: EntityFilter;
  fullTextTerm?: string;
  order?: { field: string; order: 'asc' | 'desc' };
  cursor?: string;
  limit?: number;
  fields?: string[];
}

export interface EntityPage {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

/** `filter=kind=component,spec.type=service` — commas inside values are not expressible, as in Backstage. */
function filterParam(filter: EntityFilter): string[] {
  const parts = Object.entries(filter).flatMap(([key, value]) =>
    value === null ? [key] : (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`),
  );
  return parts.length ? [parts.join(',')] : [];
}

export function queryEntities(query: EntityQuery): Promise<EntityPage> {
  const params = new URLSearchParams();
  if (query.cursor) {
    // A cursor carries the whole query; only the page size may accompany it.
    params.set('cursor', query.cursor);
  } else {
    for (const f of filterParam(query.filter ?? {})) params.append('filter', f);
    if (query.fullTextTerm) {
      params.set('fullTextFilterTerm', query.fullTextTerm);
      params.set('fullTextFilterFields', 'metadata.name,metadata.title,metadata.description,spec.type,spec.owner,metadata.tags');
    }
    if (query.order) params.set('orderField', `${query.order.field},${query.order.order}`);
  }
  if (query.limit) params.set('limit', String(query.limit));
  if (query.fields) params.set('fields', query.fields.join(','));
  return apiFetch<EntityPage>(`${BASE}/entities/by-query?${params}`);
}

export function getEntityByName(ref: { kind: string; namespace: string; name: string }): Promise<Entity> {
  const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
  return apiFetch<Entity>(`${BASE}/entities/by-name/${path}`);
}

export async function getEntitiesByRefs(entityRefs: string[], fields?: string[]): Promise<Array<Entity | null>> {
  if (entityRefs.length === 0) return [];
  const body = await apiFetch<{ items: Array<Entity | null> }>(`${BASE}/entities/by-refs`, {
    method: 'POST',
    json: fields ? { entityRefs, fields } : { entityRefs },
  });
  return body.items;
}

export interface FacetCount {
  value: string;
  count: number;
}

export async function getFacets(facets: string[], filter: EntityFilter = {}): Promise<Record<string, FacetCount[]>> {
  const params = new URLSearchParams();
  for (const facet of facets) params.append('facet', facet);
  for (const f of filterParam(filter)) params.append('filter', f);
  const body = await apiFetch<{ facets: Record<string, FacetCount[]> }>(`${BASE}/entity-facets?${params}`);
  return body.facets;
}

export type { EntityGraph, GraphEdge, GraphNode } from '@greenroom/model';

export function getEntityGraph(query: {
  root: string;
  relations?: string[];
  direction?: 'out' | 'in' | 'both';
  depth?: number;
}): Promise<EntityGraph> {
  const params = new URLSearchParams({ root: query.root });
  if (query.relations?.length) params.set('relations', query.relations.join(','));
  if (query.direction) params.set('direction', query.direction);
  if (query.depth) params.set('depth', String(query.depth));
  return apiFetch<EntityGraph>(`${BASE}/graph?${params}`);
}

export interface CatalogLocation {
  id: string;
  type: string;
  target: string;
}

export interface RegisterResult {
  location: CatalogLocation;
  entities: Entity[];
  exists?: boolean;
  /** Dry runs only: what is wrong with the files, with file and line (Greenroom addition). */
  errors?: EntityProblem[];
}

export function registerLocation(target: string, options: { dryRun: boolean }): Promise<RegisterResult> {
  return apiFetch<RegisterResult>(`${BASE}/locations${options.dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    json: { type: 'url', target },
  });
}

export function getLocationByEntity(ref: { kind: string; namespace: string; name: string }): Promise<CatalogLocation> {
  const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
  return apiFetch<CatalogLocation>(`${BASE}/locations/by-entity/${path}`);
}

export function deleteLocation(id: string): Promise<void> {
  return apiFetch<void>(`${BASE}/locations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function deleteEntity(uid: string): Promise<void> {
  return apiFetch<void>(`${BASE}/entities/by-uid/${encodeURIComponent(uid)}`, { method: 'DELETE' });
}

export function refreshEntity(entityRef: string): Promise<void> {
  return apiFetch<void>(`${BASE}/refresh`, { method: 'POST', json: { entityRef } });
}
