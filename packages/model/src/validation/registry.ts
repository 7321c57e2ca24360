import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { BUILTIN_KINDS, type KindSchema } from './kinds';
import { isValidApiVersion, isValidKind } from './rules';
import { isPlainObject } from './values';

/**
 * A kind that is not built in, e.g. from `catalog.customKinds` in the config.
 * `schema` is a JSON Schema (draft-07) for the entity's `spec` only; the
 * envelope and metadata are checked by the same rules as for every kind.
 * spec is optional for custom kinds: when absent it is checked as `{}`, so a
 * schema with `required` fields still makes spec mandatory in effect.
 */
export interface CustomKindDefinition {
  kind: string;
  apiVersions: string[];
  schema: object;
}

/** The kinds the catalog accepts. Kind names are case-sensitive, as in Backstage. */
export interface KindRegistry {
  has(kind: string): boolean;
  kinds(): string[];
}

/** One accepted (kind, apiVersions) combination and how to check its spec. */
export interface KindVariant {
  apiVersions: readonly string[];
  specRequired: boolean;
  validateSpec: ValidateFunction;
}

function newAjv(): Ajv {
  // allErrors: report every problem in a file at once, not one per save.
  // strict off: custom schemas may carry harmless extra keywords (e.g. ui:*);
  // the schema itself is still checked against the JSON Schema meta-schema.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

let builtinVariants: Map<string, KindVariant[]> | undefined;

// Built-in schemas never change, so every registry shares one compiled copy.
function compiledBuiltins(): Map<string, KindVariant[]> {
  if (!builtinVariants) {
    const ajv = newAjv();
    builtinVariants = new Map();
    for (const def of BUILTIN_KINDS) addVariant(builtinVariants, def, ajv.compile(def.spec));
  }
  return builtinVariants;
}

function addVariant(map: Map<string, KindVariant[]>, def: KindSchema, validateSpec: ValidateFunction): void {
  const list = map.get(def.kind) ?? [];
  list.push({ apiVersions: def.apiVersions, specRequired: def.specRequired, validateSpec });
  map.set(def.kind, list);
}

export class CompiledKindRegistry implements KindRegistry {
  constructor(private readonly variantsByKind: ReadonlyMap<string, readonly KindVariant[]>) {}

  has(kind: string): boolean {
    return this.variantsByKind.has(kind);
  }

  kinds(): string[] {
    return [...this.variantsByKind.keys()].sort((a, b) => a.localeCompare(b, 'en'));
  }

  variants(kind: string): readonly KindVariant[] | undefined {
    return this.variantsByKind.get(kind);
  }
}

function checkDefinition(def: CustomKindDefinition): void {
  const name = JSON.stringify(def?.kind);
  if (!isPlainObject(def)) throw new Error('A custom kind definition must be an object with kind, apiVersions and schema');
  if (typeof def.kind !== 'string' || !isValidKind(def.kind)) {
    throw new Error(`Custom kind ${name}: the kind must be 1-63 characters [a-zA-Z0-9] starting with a letter`);
  }
  if (!Array.isArray(def.apiVersions) || def.apiVersions.length === 0) {
    throw new Error(`Custom kind ${name}: apiVersions must list at least one apiVersion, e.g. example.com/v1`);
  }
  for (const v of def.apiVersions) {
    if (typeof v !== 'string' || !isValidApiVersion(v)) {
      throw new Error(`Custom kind ${name}: apiVersion ${JSON.stringify(v)} must be [<prefix>/]<version>, e.g. example.com/v1`);
    }
  }
  if (!isPlainObject(def.schema)) throw new Error(`Custom kind ${name}: schema must be a JSON Schema object for spec`);
  const props = (def.schema as { properties?: unknown }).properties;
  if (isPlainObject(props) && 'metadata' in props && 'spec' in props && ('kind' in props || 'apiVersion' in props)) {
    throw new Error(`Custom kind ${name}: schema describes the whole entity; give the schema of spec alone`);
  }
}

/** Built-in kinds plus the given custom ones. Throws if a custom definition is unusable. */
export function createKindRegistry(custom: CustomKindDefinition[] = []): KindRegistry {
  const map = new Map<string, KindVariant[]>();
  for (const [kind, variants] of compiledBuiltins()) map.set(kind, [...variants]);
  if (custom.length === 0) return new CompiledKindRegistry(map);

  const ajv = newAjv();
  for (const def of custom) {
    checkDefinition(def);
    for (const apiVersion of def.apiVersions) {
      if (map.get(def.kind)?.some((v) => v.apiVersions.includes(apiVersion))) {
        throw new Error(`Custom kind "${def.kind}": apiVersion "${apiVersion}" is already defined for this kind`);
      }
    }
    let validateSpec: ValidateFunction;
    try {
      validateSpec = ajv.compile(def.schema as SchemaObject);
    } catch (error) {
      throw new Error(`Custom kind "${def.kind}": its schema does not compile: ${(error as Error).message}`);
    }
    addVariant(
      map,
      { kind: def.kind, apiVersions: [...def.apiVersions], specRequired: false, spec: def.schema as SchemaObject },
      validateSpec,
    );
  }
  return new CompiledKindRegistry(map);
}
