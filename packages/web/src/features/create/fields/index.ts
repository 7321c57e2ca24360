import type { RegistryFieldsType } from '@rjsf/utils';
import type { JsonObject } from '../api';
import { entityNameProblem, EntityNamePicker } from './EntityNamePicker';
import { EntityPicker, OwnedEntityPicker, OwnerPicker } from './EntityPicker';
import { EntityTagsPicker, tagsProblem } from './EntityTagsPicker';
import { repoUrlProblem } from './repoUrl';
import { RepoUrlPicker } from './RepoUrlPicker';
import { SecretField } from './SecretField';

/** The field extensions templates name with `ui:field`, as Backstage's scaffolder ships them. */
export const fieldExtensions: RegistryFieldsType = {
  EntityPicker,
  OwnerPicker,
  OwnedEntityPicker,
  EntityNamePicker,
  EntityTagsPicker,
  RepoUrlPicker,
  Secret: SecretField,
};

/** Each extension's own check of a value (beyond the JSON Schema), as a message or undefined. */
const validators: Record<string, (value: unknown, options: JsonObject) => string | undefined> = {
  EntityNamePicker: entityNameProblem,
  EntityTagsPicker: tagsProblem,
  RepoUrlPicker: (value, options) => (value === undefined || value === '' ? undefined : repoUrlProblem(value, options)),
};

export function fieldExtensionProblem(field: unknown, value: unknown, options: JsonObject): string | undefined {
  return typeof field === 'string' ? validators[field]?.(value, options) : undefined;
}
