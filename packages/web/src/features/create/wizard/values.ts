import type { JsonObject, ParameterStep } from '../api';
import { choiceTitle, describeFields, isSecretField, splitUiSchema, type FieldInfo } from './schema';

// What the wizard sends and shows: secret fields leave the values (a mask of the same length stays,
// so the server's `required` and length checks still pass, as Backstage's Secret field does) and
// travel in `secrets`; the review lists every value with secrets masked.

export const SECRET_MASK = '••••••••';

export function stepFields(steps: ParameterStep[]): FieldInfo[][] {
  return steps.map((step) => describeFields(splitUiSchema(step.schema)));
}

export function splitSecrets(steps: ParameterStep[], formData: JsonObject): { values: JsonObject; secrets: Record<string, string> } {
  const values: JsonObject = { ...formData };
  const secrets: Record<string, string> = {};
  for (const field of stepFields(steps).flat()) {
    const value = formData[field.name];
    if (!isSecretField(field.ui) || value === undefined || value === '') continue;
    secrets[field.name] = String(value);
    values[field.name] = '*'.repeat(String(value).length);
  }
  return { values, secrets };
}

/** Values to start a wizard from (e.g. "Start over" of a task): secrets are never carried over. */
export function withoutSecrets(steps: ParameterStep[], formData: JsonObject): JsonObject {
  const values: JsonObject = { ...formData };
  for (const field of stepFields(steps).flat()) if (isSecretField(field.ui)) delete values[field.name];
  return values;
}

export interface ReviewRow {
  name: string;
  title: string;
  value: string;
}

/** Every filled-in value of every step, as people read it; `ui:backstage.review` may hide or mask one. */
export function reviewRows(steps: ParameterStep[], formData: JsonObject): ReviewRow[][] {
  return stepFields(steps).map((fields) =>
    fields.flatMap((field) => {
      const value = formData[field.name];
      if (value === undefined || value === '') return [];
      const review = (field.ui['ui:backstage'] as { review?: { show?: boolean; mask?: string } } | undefined)?.review;
      if (review?.show === false) return [];
      const shown = isSecretField(field.ui) ? SECRET_MASK : (review?.mask ?? choiceTitle(field.schema, value) ?? formatValue(value));
      return [{ name: field.name, title: field.title, value: shown }];
    }),
  );
}

function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, null, 2);
  return String(value);
}
