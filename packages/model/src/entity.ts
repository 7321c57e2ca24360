// The entity shapes of Backstage's catalog format. Field names and optionality
// follow Backstage's own descriptor format so that files and API payloads
// written for Backstage pass through unchanged.

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  uid?: string;
  etag?: string;
  // Backstage allows arbitrary extra metadata keys; they are kept as written.
  [key: string]: unknown;
}

export interface EntityRelation {
  type: string;
  targetRef: string;
}

export interface EntityStatusItem {
  type: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  error?: { name: string; message: string };
}

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  // Computed by the catalog; never written in descriptor files.
  relations?: EntityRelation[];
  status?: { items?: EntityStatusItem[] };
}

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}
