import type { SchemaObject } from 'ajv';

/** The accepted shape of one kind at a set of apiVersions. */
export interface KindSchema {
  kind: string;
  apiVersions: readonly string[];
  /** JSON Schema (draft-07) that `spec` must satisfy. */
  spec: SchemaObject;
  /** Built-in kinds require spec; a custom kind without spec is checked as `{}`. */
  specRequired: boolean;
}

/** The apiVersions Backstage accepts for its core kinds. */
export const CORE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

export const nonEmptyString = { type: 'string', minLength: 1 } as const;
export const listOfStrings = { type: 'array', items: nonEmptyString } as const;

/** Display data shared by User and Group. */
export const profile = {
  type: 'object',
  properties: { displayName: nonEmptyString, email: nonEmptyString, picture: nonEmptyString },
} as const;
