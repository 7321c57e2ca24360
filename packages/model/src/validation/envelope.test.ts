import { describe, expect, it } from 'vitest';
import { createKindRegistry } from './registry';
import { validateEntity } from './validate';

const registry = createKindRegistry();
const issues = (value: unknown) => validateEntity(value, registry).map((i) => `${i.path.join('.')}: ${i.message}`);

const system = { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 's' }, spec: { owner: 'team-a' } };

describe('envelope', () => {
  it('accepts a minimal entity', () => {
    expect(issues(system)).toEqual([]);
  });

  it('requires an entity to be a mapping', () => {
    expect(issues(['x'])).toEqual([': an entity must be a mapping with apiVersion, kind, metadata and spec, not a list']);
    expect(issues('hello')).toEqual([': an entity must be a mapping with apiVersion, kind, metadata and spec, not a string']);
  });

  it('requires apiVersion, kind and metadata', () => {
    expect(issues({ spec: {} })).toEqual([
      'apiVersion: is required, e.g. apiVersion: backstage.io/v1alpha1',
      'kind: is required, e.g. kind: Component',
      'metadata: is required (with at least a name)',
    ]);
  });

  it.each(['backstage.io/v1alpha1', 'v1', 'my-company.net/v1', 'a.b.c/V2beta'])('accepts the apiVersion %j', (apiVersion) => {
    const found = issues({ ...system, apiVersion });
    expect(found.filter((i) => i.includes('must be [<prefix>/]<version>'))).toEqual([]);
  });

  it.each(['Backstage.io/v1alpha1', 'backstage.io/v1.0', 'a/b/c', 'backstage.io/', '/v1', 'backstage_io/v1', ''])(
    'refuses the apiVersion %j',
    (apiVersion) => {
      expect(issues({ ...system, apiVersion })).toEqual([expect.stringMatching(/^apiVersion: must be \[<prefix>\/\]<version>/)]);
    },
  );

  it.each(['1Component', 'Compo-nent', 'Com ponent', '', 'K'.repeat(64)])('refuses the kind %j', (kind) => {
    expect(issues({ ...system, kind })).toEqual([
      expect.stringMatching(/^kind: must be 1-63 characters \[a-zA-Z0-9\] starting with a letter/),
    ]);
  });

  it('requires metadata and spec to be mappings', () => {
    expect(issues({ ...system, metadata: 'artists' })).toEqual(['metadata: must be a mapping (key: value pairs), not a string']);
    expect(issues({ ...system, spec: ['owner'] })).toEqual(['spec: must be a mapping (key: value pairs), not a list']);
  });

  it('refuses unknown top-level fields, and computed ones in descriptor files', () => {
    expect(issues({ ...system, owner: 'team-a', relations: [], status: {} })).toEqual([
      'owner: is not allowed at the top level; an entity has only apiVersion, kind, metadata and spec',
      'relations: is computed by the catalog and cannot be written in a descriptor file',
      'status: is computed by the catalog and cannot be written in a descriptor file',
    ]);
  });
});

describe('JSON safety', () => {
  it('refuses values JSON cannot carry', () => {
    const spec = { owner: 'team-a', uptime: Number.NaN, limit: Infinity, since: new Date('2024-01-01'), gone: undefined };
    expect(issues({ ...system, spec })).toEqual([
      'spec.uptime: must be a finite number, not NaN',
      'spec.limit: must be a finite number, not Infinity',
      'spec.since: must be plain JSON data, not a Date',
      'spec.gone: must be plain JSON data, not undefined',
    ]);
  });

  it('reports a structure that contains itself instead of looping', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(issues({ ...system, spec: { owner: 'team-a', loop } })).toEqual([
      'spec.loop.0: must not contain itself (a YAML alias refers back to its own anchor)',
    ]);
  });

  it('refuses a registry it did not make', () => {
    expect(() => validateEntity(system, { has: () => true, kinds: () => [] })).toThrow(/createKindRegistry/);
  });
});
