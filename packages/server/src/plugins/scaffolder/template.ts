import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { InputError } from '../../core/errors';

/** One entry of `spec.steps` as written in template.yaml. */
export interface StepSpec {
  id: string;
  name: string;
  action: string;
  input?: Record<string, unknown>;
  if?: unknown;
  each?: unknown;
}

export interface ParameterStep {
  title?: string;
  description?: string;
  schema: Record<string, unknown>;
}

/** The part of a Template entity the engine reads. */
export interface TemplateEntityLike {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; title?: string; description?: string; annotations?: Record<string, string> } & Record<string, unknown>;
  spec?: Record<string, unknown>;
}

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** `spec.parameters` is one schema or an array of them (one per wizard page). */
export function parameterSteps(template: TemplateEntityLike): ParameterStep[] {
  const parameters = template.spec?.parameters;
  if (parameters === undefined || parameters === null) return [];
  const list = Array.isArray(parameters) ? parameters : [parameters];
  return list.map((schema, index) => {
    if (!isObject(schema)) throw new InputError(`Template spec.parameters[${index}] must be an object`);
    const { title, description } = schema;
    return {
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof description === 'string' ? { description } : {}),
      schema: { type: 'object', ...schema },
    };
  });
}

/** `spec.steps` with Backstage's defaults: id `step-<n>`, name = the action id. */
export function templateSteps(template: TemplateEntityLike): StepSpec[] {
  const steps = template.spec?.steps ?? [];
  if (!Array.isArray(steps)) throw new InputError('Template spec.steps must be a list');
  const seen = new Set<string>();
  return steps.map((raw, index) => {
    if (!isObject(raw)) throw new InputError(`Template spec.steps[${index}] must be an object`);
    if (typeof raw.action !== 'string' || !raw.action) throw new InputError(`Template spec.steps[${index}] has no action`);
    const id = typeof raw.id === 'string' && raw.id ? raw.id : `step-${index + 1}`;
    if (seen.has(id)) throw new InputError(`Template spec.steps: the id "${id}" is used twice`);
    seen.add(id);
    if (raw.input !== undefined && !isObject(raw.input)) throw new InputError(`Template step "${id}": input must be an object`);
    return {
      id,
      name: typeof raw.name === 'string' && raw.name ? raw.name : raw.action,
      action: raw.action,
      ...(raw.input ? { input: raw.input } : {}),
      ...('if' in raw ? { if: raw.if } : {}),
      ...('each' in raw ? { each: raw.each } : {}),
    };
  });
}

export function assertTemplate(template: TemplateEntityLike): void {
  if (!isObject(template)) throw new InputError('template must be a Template entity object');
  if (template.apiVersion !== TEMPLATE_API_VERSION || template.kind !== 'Template') {
    throw new InputError(`Only Template entities of apiVersion ${TEMPLATE_API_VERSION} can run, got ${template.kind} of ${template.apiVersion}`);
  }
}

// Template schemas carry rjsf keys (ui:field, ui:options, …); strict mode would reject them.
const ajv = new Ajv({ strict: false, allErrors: true, useDefaults: false });
addFormats.default(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new InputError(`Invalid JSON Schema: ${(error as Error).message}`);
    }
    compiled.set(schema, validate);
  }
  return validate;
}

function describeError(prefix: string, error: ErrorObject): string {
  const field = [prefix, ...error.instancePath.split('/').filter(Boolean)];
  if (error.keyword === 'required') field.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') field.push(String(error.params.additionalProperty));
  const message = error.keyword === 'required' ? 'is required' : error.keyword === 'additionalProperties' ? 'is not allowed' : error.message;
  return `${field.join('.')} ${message}`;
}

/** Throws InputError naming each field whose value breaks `schema`. */
export function validateAgainst(schema: Record<string, unknown>, value: unknown, prefix: string): void {
  const validate = validatorFor(schema);
  if (validate(value)) return;
  const messages = [...new Set((validate.errors ?? []).map((error) => describeError(prefix, error)))];
  throw new InputError(messages.join('; '));
}

/** Checks submitted values against every parameter step, as the wizard does page by page. */
export function validateValues(template: TemplateEntityLike, values: Record<string, unknown>): void {
  for (const step of parameterSteps(template)) validateAgainst(step.schema, values, 'values');
}
