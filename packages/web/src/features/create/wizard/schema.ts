import type { JsonObject } from '../api';

// Templates write rjsf's uiSchema inline (`ui:field`, `ui:options`, … beside `type`), as Backstage
// templates do. rjsf and ajv want them apart: the JSON Schema without `ui:` keys, and a uiSchema of
// the same shape. Properties that appear under `dependencies`, `oneOf`, `anyOf`, `allOf` or
// `if/then/else` belong to the same object, so their ui keys land on the same uiSchema level.

export interface SplitSchema {
  schema: JsonObject;
  uiSchema: JsonObject;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function splitUiSchema(input: JsonObject): SplitSchema {
  const uiSchema: JsonObject = {};
  return { schema: walk(input, uiSchema), uiSchema };
}

/** A copy of `node` without ui keys; the ui keys go into `ui` (the uiSchema node for the same value). */
function walk(node: JsonObject, ui: JsonObject): JsonObject {
  const schema: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('ui:')) ui[key] = value;
    else schema[key] = value;
  }
  // Draft-07 templates name enum choices with `enumNames`; rjsf 6 reads them from the uiSchema.
  if (Array.isArray(node.enumNames) && ui['ui:enumNames'] === undefined) ui['ui:enumNames'] = node.enumNames;
  if (isObject(node.properties)) schema.properties = walkProperties(node.properties, ui);
  if (isObject(node.items)) schema.items = walk(node.items, childUi(ui, 'items'));
  if (isObject(node.dependencies)) {
    schema.dependencies = Object.fromEntries(
      Object.entries(node.dependencies).map(([key, dependency]) => [key, isObject(dependency) ? walk(dependency, ui) : dependency]),
    );
  }
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = node[combinator];
    if (Array.isArray(options)) schema[combinator] = options.map((option) => (isObject(option) ? walk(option, ui) : option));
  }
  for (const branch of ['then', 'else'] as const) {
    const sub = node[branch];
    if (isObject(sub)) schema[branch] = walk(sub, ui);
  }
  return schema;
}

function walkProperties(properties: JsonObject, ui: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, isObject(property) ? walk(property, childUi(ui, name)) : property]),
  );
}

function childUi(ui: JsonObject, key: string): JsonObject {
  if (!isObject(ui[key])) ui[key] = {};
  return ui[key] as JsonObject;
}

/** Property names in the order the form shows them, including conditional ones, with their ui node and title. */
export interface FieldInfo {
  name: string;
  title: string;
  schema: JsonObject;
  ui: JsonObject;
}

export function describeFields(split: SplitSchema): FieldInfo[] {
  const seen = new Map<string, FieldInfo>();
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    if (isObject(node.properties)) {
      for (const [name, property] of Object.entries(node.properties)) {
        if (seen.has(name)) continue;
        const schema = isObject(property) ? property : {};
        const title = typeof schema.title === 'string' ? schema.title : name;
        seen.set(name, { name, title, schema, ui: isObject(split.uiSchema[name]) ? (split.uiSchema[name] as JsonObject) : {} });
      }
    }
    if (isObject(node.dependencies)) Object.values(node.dependencies).forEach(visit);
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(visit);
    visit(node.then);
    visit(node.else);
  };
  visit(split.schema);
  return [...seen.values()];
}

/** Secret fields (`ui:field: Secret`, `ui:widget: password`): their values go to the task's `secrets`, never its values. */
export function isSecretField(ui: JsonObject): boolean {
  return ui['ui:field'] === 'Secret' || ui['ui:widget'] === 'password';
}

/** The title a choice shows for `value`: from `enumNames` beside `enum`, or a `oneOf`/`anyOf` option's `title` with `const`. */
export function choiceTitle(schema: JsonObject, value: unknown): string | undefined {
  if (Array.isArray(schema.enum) && Array.isArray(schema.enumNames)) {
    const index = schema.enum.indexOf(value);
    if (index !== -1 && typeof schema.enumNames[index] === 'string') return schema.enumNames[index] as string;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
    const match = options.find((option) => isObject(option) && option.const === value && typeof option.title === 'string');
    if (match) return (match as JsonObject).title as string;
  }
  return undefined;
}
