import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ANNOTATION_MANAGED_BY_LOCATION, parseEntityRef, stringifyEntityRef, type Entity } from '@greenroom/model';
import { ConflictError, InputError, NotFoundError } from '../../core/errors';
import type { Principal } from '../../core/identity';
import type { Permissions } from '../../core/permissions';
import type { CatalogApi } from '../catalog/extensions';
import type { TemplateAction } from './extensions';
import { scaffolderPermissions } from './permissions';
import type { TaskEvents } from './TaskEvents';
import type { TaskSecrets } from './TaskSecrets';
import { checkActions, initialSteps, type TaskSpec } from './TaskRunner';
import type { StepState, TaskStore } from './TaskStore';
import type { TaskWorker } from './TaskWorker';
import { assertTemplate, parameterSteps, templateSteps, validateValues, type StepSpec, type TemplateEntityLike } from './template';

export interface ScaffolderServiceOptions {
  permissions: Permissions;
  store: TaskStore;
  events: TaskEvents;
  worker: TaskWorker;
  secrets: TaskSecrets;
  catalog(): CatalogApi | undefined;
  actions(): ReadonlyMap<string, TemplateAction>;
}

/** Where a template's files are: its managed-by-location as a URL (`file:///…/template.yaml` or the http(s) URL). */
export function templateBaseUrl(entity: TemplateEntityLike): string | undefined {
  const location = entity.metadata?.annotations?.[ANNOTATION_MANAGED_BY_LOCATION];
  if (!location) return undefined;
  if (location.startsWith('file:')) return pathToFileURL(location.slice('file:'.length)).href;
  if (location.startsWith('url:')) return location.slice('url:'.length);
  return undefined;
}

/** `template:default/x` for any way of writing a template's ref (`x`, `default/x`, `Template:x`). */
export function canonicalTemplateRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'template' }));
  } catch (error) {
    throw new InputError(`templateRef: ${(error as Error).message}`);
  }
}

/** What the routes do, apart from HTTP: templates from the catalog, task creation and cancelling. */
export class ScaffolderService {
  constructor(private readonly options: ScaffolderServiceOptions) {}

  private catalog(): CatalogApi {
    const catalog = this.options.catalog();
    if (!catalog) throw new Error('The scaffolder needs the catalog plugin');
    return catalog;
  }

  async getTemplate(ref: string): Promise<Entity> {
    const canonical = canonicalTemplateRef(ref);
    const entity = await this.catalog().getEntityByRef(canonical);
    if (!entity || entity.kind.toLowerCase() !== 'template') throw new NotFoundError(`Template ${canonical} does not exist`);
    assertTemplate(entity as TemplateEntityLike);
    return entity;
  }

  async parameterSchema(ref: string) {
    const template = await this.getTemplate(ref);
    return {
      title: template.metadata.title ?? template.metadata.name,
      description: template.metadata.description,
      ...(template.metadata['ui:options'] ? { 'ui:options': template.metadata['ui:options'] } : {}),
      ...(template.spec?.presentation ? { presentation: template.spec.presentation } : {}),
      steps: parameterSteps(template as TemplateEntityLike),
    };
  }

  async createTask(
    request: { templateRef: string; values: Record<string, unknown>; secrets?: Record<string, string> },
    principal: Principal,
  ) {
    await this.authorizeTemplate(request.templateRef, principal);
    const template = await this.getTemplate(request.templateRef);
    const steps = templateSteps(template as TemplateEntityLike);
    checkActions(steps, this.options.actions());
    await this.authorizeActions(steps, principal);
    validateValues(template as TemplateEntityLike, request.values);
    const userEntity = principal.userEntityRef ? await this.catalog().getEntityByRef(principal.userEntityRef) : undefined;
    const spec: TaskSpec = {
      apiVersion: template.apiVersion,
      templateInfo: {
        entityRef: stringifyEntityRef(template),
        baseUrl: templateBaseUrl(template as TemplateEntityLike),
        entity: { metadata: template.metadata },
      },
      parameters: request.values,
      steps,
      ...(template.spec?.output ? { output: template.spec.output as Record<string, unknown> } : {}),
      user: { ref: principal.userEntityRef, ...(userEntity ? { entity: userEntity as unknown as Record<string, unknown> } : {}) },
    };
    const id = randomUUID();
    const sealedSecrets = await this.options.secrets.seal(id, request.secrets);
    await this.options.store.create({ id, spec, sealedSecrets, createdBy: principal.userEntityRef, steps: initialSteps(steps) });
    this.options.worker.wake();
    return { id };
  }

  /**
   * `scaffolder.task.create` on the template itself (the route checked it without a resource), so
   * a policy can say who may run which template, e.g. only its owning team. Before the template is
   * looked up: a caller who may not run it does not learn whether it exists.
   */
  async authorizeTemplate(ref: string, principal: Principal): Promise<void> {
    await this.options.permissions.authorize(principal, scaffolderPermissions.taskCreate, canonicalTemplateRef(ref));
  }

  /**
   * Runs a failed or cancelled task again from its first step, with its stored spec (template,
   * values, user) and the secrets sent now: a task's secrets are dropped when it ends, so the
   * caller sends them again, as with Backstage's retry. Checked as creating the task was.
   */
  async retry(id: string, secrets: Record<string, string> | undefined, principal: Principal): Promise<{ id: string }> {
    const row = await this.getTask(id);
    const spec = JSON.parse(row.spec) as TaskSpec;
    if (spec.templateInfo.entityRef) await this.authorizeTemplate(spec.templateInfo.entityRef, principal);
    if (row.status !== 'failed' && row.status !== 'cancelled') {
      throw new ConflictError(`Task ${id} is ${row.status}; only a failed or cancelled task can be retried`);
    }
    checkActions(spec.steps, this.options.actions());
    await this.authorizeActions(spec.steps, principal);
    const reopened = await this.options.store.reopen(id, ['failed', 'cancelled'], {
      sealedSecrets: await this.options.secrets.seal(id, secrets),
      steps: initialSteps(spec.steps),
      message: `Retried by ${principal.userEntityRef ?? principal.displayName}: running again from the first step`,
    });
    if (!reopened) throw new ConflictError(`Task ${id} was retried or changed meanwhile`);
    this.options.events.announce(id);
    this.options.worker.wake();
    return { id };
  }

  /** `scaffolder.action.execute` for every action the steps use, with the action id as the resource. */
  async authorizeActions(steps: StepSpec[], principal: Principal): Promise<void> {
    for (const action of new Set(steps.map((step) => step.action))) {
      await this.options.permissions.authorize(principal, scaffolderPermissions.actionExecute, action);
    }
  }

  async getTask(id: string) {
    const row = await this.options.store.get(id);
    if (!row) throw new NotFoundError(`Task ${id} does not exist`);
    return row;
  }

  /** Open tasks end at once; a running one is aborted by the worker holding it (here, or on its next heartbeat). */
  async cancel(id: string): Promise<void> {
    const row = await this.getTask(id);
    if (row.status === 'cancelled') return;
    if (row.status === 'completed' || row.status === 'failed')
      throw new ConflictError(`Task ${id} has already ${row.status === 'completed' ? 'completed' : 'failed'}`);
    if (row.status === 'open') {
      const steps = (JSON.parse(row.steps) as StepState[]).map((step) => ({ ...step, status: 'cancelled' as const }));
      const ended = await this.options.store.finish(id, ['open'], {
        status: 'cancelled',
        message: 'The task was cancelled before it started',
        steps,
      });
      if (ended) {
        this.options.events.announce(id);
        return;
      }
    }
    await this.options.store.requestCancel(id);
    this.options.worker.cancelLocal(id);
  }
}
