import { describe, expect, it } from 'vitest';
import { createKindRegistry, type CustomKindDefinition } from './registry';
import { validateEntity } from './validate';

const widgetKind: CustomKindDefinition = {
  kind: 'Widget',
  apiVersions: ['example.com/v1'],
  schema: {
    type: 'object',
    required: ['size'],
    properties: {
      size: { type: 'string', enum: ['small', 'large'] },
      contact: { type: 'string', format: 'email' },
      replicas: { type: 'integer', minimum: 1 },
    },
  },
};

const widget = (spec?: Record<string, unknown>) => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'gizmo' },
  ...(spec ? { spec } : {}),
});

const messages = (value: unknown, registry = createKindRegistry([widgetKind])) =>
  validateEntity(value, registry).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('createKindRegistry', () => {
  it('knows the built-in kinds', () => {
    expect(createKindRegistry().kinds()).toEqual([
      'API',
      'Component',
      'Domain',
      'Group',
      'Location',
      'Resource',
      'System',
      'Template',
      'User',
    ]);
  });

  it('refuses a kind until a custom schema registers it', () => {
    expect(messages(widget({ size: 'small' }), createKindRegistry())).toEqual([expect.stringMatching(/^kind: Unknown kind "Widget"/)]);
    const registry = createKindRegistry([widgetKind]);
    expect(registry.has('Widget')).toBe(true);
    expect(registry.kinds()).toContain('Widget');
    expect(messages(widget({ size: 'small', contact: 'team@example.com', replicas: 2 }), registry)).toEqual([]);
  });

  it('checks a custom spec against its schema', () => {
    expect(messages(widget({ size: 'huge', contact: 'not-an-email', replicas: 0 }))).toEqual([
      'spec.size: must be one of: "small", "large"',
      'spec.contact: must be a valid email',
      'spec.replicas: must be >= 1',
    ]);
  });

  it('treats a missing spec as empty, so required fields still apply', () => {
    expect(messages(widget())).toEqual(['spec.size: is required']);
    const optional = createKindRegistry([{ kind: 'Note', apiVersions: ['example.com/v1'], schema: { type: 'object' } }]);
    expect(messages({ apiVersion: 'example.com/v1', kind: 'Note', metadata: { name: 'n' } }, optional)).toEqual([]);
  });

  it('applies the common metadata rules to custom kinds', () => {
    expect(messages({ ...widget({ size: 'small' }), metadata: { name: 'gizmo', tags: ['Big'] } })).toEqual([
      expect.stringMatching(/^metadata\.tags\.0: must be a string of 1-63 lowercase/),
    ]);
  });

  it('checks the apiVersion of a custom kind', () => {
    expect(messages({ ...widget({ size: 'small' }), apiVersion: 'example.com/v2' })).toEqual([
      'apiVersion: kind Widget does not accept apiVersion "example.com/v2"; use example.com/v1',
    ]);
  });

  it('can add a new apiVersion to a built-in kind', () => {
    const registry = createKindRegistry([
      { kind: 'Component', apiVersions: ['example.com/v1'], schema: { type: 'object', required: ['team'] } },
    ]);
    const component = { apiVersion: 'example.com/v1', kind: 'Component', metadata: { name: 'c' }, spec: { team: 'a' } };
    expect(messages(component, registry)).toEqual([]);
    expect(messages({ ...component, spec: {} }, registry)).toEqual(['spec.team: is required']);
  });

  it('names the kind when its schema does not compile', () => {
    expect(() => createKindRegistry([{ ...widgetKind, schema: { type: 'strnig' } }])).toThrow(
      /^Custom kind "Widget": its schema does not compile: /,
    );
    expect(() => createKindRegistry([{ ...widgetKind, schema: { $ref: '#/definitions/missing' } }])).toThrow(/Custom kind "Widget"/);
  });

  it('refuses unusable definitions with a clear error', () => {
    expect(() => createKindRegistry([{ ...widgetKind, kind: 'my-widget' }])).toThrow(/Custom kind "my-widget": the kind must be/);
    expect(() => createKindRegistry([{ ...widgetKind, apiVersions: [] }])).toThrow(/apiVersions must list at least one/);
    expect(() => createKindRegistry([{ ...widgetKind, apiVersions: ['Example.com/v1'] }])).toThrow(/apiVersion "Example.com\/v1" must be/);
    expect(() => createKindRegistry([widgetKind, widgetKind])).toThrow(/apiVersion "example.com\/v1" is already defined/);
    expect(() => createKindRegistry([{ kind: 'Component', apiVersions: ['backstage.io/v1alpha1'], schema: {} }])).toThrow(
      /already defined/,
    );
    expect(() =>
      createKindRegistry([{ ...widgetKind, schema: { type: 'object', properties: { apiVersion: {}, kind: {}, metadata: {}, spec: {} } } }]),
    ).toThrow(/give the schema of spec alone/);
  });

  it('leaves other registries untouched', () => {
    createKindRegistry([widgetKind]);
    expect(createKindRegistry().has('Widget')).toBe(false);
  });
});
