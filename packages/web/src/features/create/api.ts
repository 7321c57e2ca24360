import type { Entity } from '@greenroom/model';
import { apiFetch } from '../../api/http';

// The scaffolder's HTTP API (/api/scaffolder/v2, Backstage-shaped) and the catalog look-ups the wizard's fields need.

const BASE = '/api/scaffolder/v2';

export type JsonObject = Record<string, unknown>;

export interface ParameterStep {
  title: string;
  description?: string;
  schema: JsonObject;
}

export interface ParameterSchema {
  title: string;
  description?: string;
  steps: ParameterStep[];
}

export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export interface TaskStep {
  id: string;
  name?: string;
  action?: string;
  status?: StepStatus;
  startedAt?: string;
  endedAt?: string;
}

export interface OutputLink {
  title?: string;
  url?: string;
  entityRef?: string;
  icon?: string;
}

export interface OutputText {
  title?: string;
  content?: string;
  default?: boolean;
}

export interface TaskOutput {
  links?: OutputLink[];
  text?: OutputText[];
  [key: string]: unknown;
}

export interface TaskSpec {
  templateInfo?: { entityRef?: string; entity?: { metadata?: { name?: string; title?: string } } };
  parameters?: JsonObject;
  steps?: Array<{ id: string; name?: string; action?: string }>;
  user?: { ref?: string };
}

export type TaskError = string | { name?: string; message?: string };

export interface SerializedTask {
  id: string;
  spec: TaskSpec;
  status: TaskStatus;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy?: string;
  steps?: TaskStep[];
  output?: TaskOutput;
  error?: TaskError;
}

export interface TaskEvent {
  id: number;
  taskId: string;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  createdAt: string;
  body: { message?: string; stepId?: string; status?: string; output?: TaskOutput; error?: TaskError };
}

export interface TemplateRef {
  namespace: string;
  name: string;
}

export const templateRefString = ({ namespace, name }: TemplateRef) => `template:${namespace}/${name}`;

export function getParameterSchema({ namespace, name }: TemplateRef): Promise<ParameterSchema> {
  const path = [namespace, 'template', name].map(encodeURIComponent).join('/');
  return apiFetch<ParameterSchema>(`${BASE}/templates/${path}/parameter-schema`);
}

export function createTask(input: { templateRef: string; values: JsonObject; secrets?: Record<string, string> }): Promise<{ id: string }> {
  return apiFetch<{ id: string }>(`${BASE}/tasks`, { method: 'POST', json: input });
}

export function getTask(taskId: string): Promise<SerializedTask> {
  return apiFetch<SerializedTask>(`${BASE}/tasks/${encodeURIComponent(taskId)}`);
}

export function listTasks(query: {
  createdBy?: string;
  limit?: number;
  offset?: number;
}): Promise<{ tasks: SerializedTask[]; totalTasks: number }> {
  const params = new URLSearchParams({ limit: String(query.limit ?? 50), offset: String(query.offset ?? 0) });
  if (query.createdBy) params.set('createdBy', query.createdBy);
  return apiFetch(`${BASE}/tasks?${params}`);
}

export function cancelTask(taskId: string): Promise<{ status: string }> {
  return apiFetch(`${BASE}/tasks/${encodeURIComponent(taskId)}/cancel`, { method: 'POST' });
}

/** Runs a failed or cancelled task again from its first step, under the same id. */
export function retryTask(taskId: string): Promise<{ id: string }> {
  return apiFetch(`${BASE}/tasks/${encodeURIComponent(taskId)}/retry`, { method: 'POST', json: {} });
}

export function taskEventStreamUrl(taskId: string, after?: number): string {
  const query = after !== undefined ? `?after=${after}` : '';
  return `${BASE}/tasks/${encodeURIComponent(taskId)}/eventstream${query}`;
}

export interface DryRunFile {
  path: string;
  base64Content: string;
  executable?: boolean;
}

export interface DryRunResult {
  log: TaskEvent[];
  directoryContents: DryRunFile[];
  output?: TaskOutput;
  steps: Array<{ id: string; name?: string; action?: string }>;
}

export function dryRun(input: {
  template: JsonObject;
  values: JsonObject;
  secrets?: Record<string, string>;
  directoryContents: DryRunFile[];
}): Promise<DryRunResult> {
  return apiFetch<DryRunResult>(`${BASE}/dry-run`, { method: 'POST', json: input });
}

/** The signed-in user's ref, for "my tasks"; undefined when signed out, a guest, or when no auth plugin runs. */
export async function getCurrentUserRef(): Promise<string | undefined> {
  try {
    const session = await apiFetch<{ user?: { entityRef?: string } }>('/api/auth/session');
    return session.user?.entityRef;
  } catch {
    return undefined;
  }
}

/** One alternative of a catalog filter: every key must match; a list means "any of", null means "has the key". */
export type CatalogFilter = Record<string, string | string[] | null>;

const PICKER_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile.displayName'];

/**
 * Entities for a picker: the alternatives are ORed (`filter=` params), the text narrows them by
 * name, title or description on the server, so this works at any catalog size.
 */
export async function findEntities(alternatives: CatalogFilter[], text: string, limit = 50): Promise<Entity[]> {
  const params = new URLSearchParams();
  for (const filter of alternatives) {
    const parts = Object.entries(filter).flatMap(([key, value]) =>
      value === null ? [key] : (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`),
    );
    if (parts.length) params.append('filter', parts.join(','));
  }
  if (text.trim()) {
    params.set('fullTextFilterTerm', text.trim());
    params.set('fullTextFilterFields', 'metadata.name,metadata.title,spec.profile.displayName');
  }
  params.set('orderField', 'metadata.name,asc');
  params.set('limit', String(limit));
  params.set('fields', PICKER_FIELDS.join(','));
  const page = await apiFetch<{ items: Entity[] }>(`/api/catalog/entities/by-query?${params}`);
  return page.items;
}

/** Existing tags (most used first), as suggestions for EntityTagsPicker; `kinds` narrows them. */
export async function getTagSuggestions(kinds?: string[]): Promise<string[]> {
  const params = new URLSearchParams({ facet: 'metadata.tags' });
  if (kinds?.length) params.append('filter', kinds.map((kind) => `kind=${kind}`).join(','));
  const body = await apiFetch<{ facets: Record<string, Array<{ value: string; count: number }>> }>(`/api/catalog/entity-facets?${params}`);
  return (body.facets['metadata.tags'] ?? []).map((f) => f.value);
}
