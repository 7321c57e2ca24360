import { useQuery } from '@tanstack/react-query';
import { ANNOTATION_TECHDOCS_ENTITY, ANNOTATION_TECHDOCS_REF, parseEntityRef, type Entity } from '@greenroom/model';
import { ApiError, apiFetch } from '../../api/http';

export interface BuildWarning {
  file: string;
  line?: number;
  message: string;
}

export interface DocsStatus {
  state: 'none' | 'queued' | 'building' | 'built' | 'failed';
  builtAt?: string;
  warnings: BuildWarning[];
  error?: string;
}

export interface DocsNavNode {
  title: string;
  path?: string;
  url?: string;
  children?: DocsNavNode[];
}

export interface DocsMetadata {
  site_name: string;
  nav?: DocsNavNode[];
}

export interface SiteAddress {
  namespace: string;
  kind: string;
  name: string;
}

/**
 * The site an entity shows: its own (`backstage.io/techdocs-ref`) or another entity's
 * (`backstage.io/techdocs-entity`); undefined when it has no documentation.
 */
export function docsSiteOf(entity: Entity): SiteAddress | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  if (annotations[ANNOTATION_TECHDOCS_REF]) return { namespace, kind: entity.kind, name: entity.metadata.name };
  const other = annotations[ANNOTATION_TECHDOCS_ENTITY];
  if (!other) return undefined;
  try {
    const ref = parseEntityRef(other, { defaultKind: 'component', defaultNamespace: namespace });
    return { namespace: ref.namespace ?? namespace, kind: ref.kind, name: ref.name };
  } catch {
    return undefined;
  }
}

const segment = (site: SiteAddress) => [site.namespace, site.kind, site.name].map((p) => encodeURIComponent(p.toLowerCase())).join('/');
export const staticBase = (site: SiteAddress) => `/api/techdocs/static/docs/${segment(site)}/`;

/** The build's state; polled while a build is under way. */
export function useDocsStatus(site: SiteAddress) {
  return useQuery({
    queryKey: ['techdocs', 'status', segment(site)],
    queryFn: () => apiFetch<DocsStatus>(`/api/techdocs/status/${segment(site)}`),
    refetchInterval: (query) => (query.state.data && ['built', 'failed'].includes(query.state.data.state) ? false : 2000),
  });
}

export function useDocsMetadata(site: SiteAddress, enabled: boolean) {
  return useQuery({
    queryKey: ['techdocs', 'metadata', segment(site)],
    queryFn: () => apiFetch<DocsMetadata>(`/api/techdocs/metadata/techdocs/${segment(site)}`),
    enabled,
  });
}

/** A built page's HTML, as text. */
export function useDocsPage(site: SiteAddress, page: string, enabled: boolean) {
  return useQuery({
    queryKey: ['techdocs', 'page', segment(site), page],
    queryFn: async () => {
      const response = await fetch(`${staticBase(site)}${page}index.html`);
      if (!response.ok)
        throw new ApiError(
          response.status === 404
            ? `There is no page ${page || 'index'} in this documentation`
            : `The page could not be loaded (${response.status})`,
          response.status,
          'NotFoundError',
        );
      return response.text();
    },
    enabled,
  });
}

export interface DocumentedEntity {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  owner?: string;
  /** Set when the entity shows another entity's documentation (`backstage.io/techdocs-entity`). */
  docsEntityRef?: string;
  state: DocsStatus['state'];
  builtAt?: string;
}

/** Every documented entity with its build state (`GET /api/techdocs/entities`), optionally filtered. */
export function useDocumentedEntities(filters: { owner?: string; kind?: string } = {}) {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return useQuery({
    queryKey: ['techdocs', 'entities', params.toString()],
    queryFn: () => apiFetch<{ items: DocumentedEntity[] }>(`/api/techdocs/entities${params.size ? `?${params}` : ''}`),
  });
}
