// The slice of Backstage's entity shape the benchmark writes. Kept local
// rather than imported from @greenroom/model so the benchmark checks the
// server against Backstage's format, not against our own reading of it.

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
}

export interface EntityMetadata {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  tags?: string[];
  links?: EntityLink[];
  annotations?: Record<string, string>;
}

export interface Entity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Domain' | 'System' | 'Group' | 'User' | 'Component' | 'API' | 'Resource';
  metadata: EntityMetadata;
  spec: Record<string, unknown>;
}

export type GeneratedKind = Entity['kind'];

export const GENERATED_KINDS: readonly GeneratedKind[] = ['Domain', 'System', 'Group', 'User', 'Component', 'API', 'Resource'];
