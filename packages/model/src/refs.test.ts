import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NAMESPACE,
  InvalidEntityRefError,
  InvalidLocationRefError,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
  stringifyLocationRef,
} from './refs';

describe('parseEntityRef', () => {
  it('reads all three parts and keeps their case', () => {
    expect(parseEntityRef('Component:Prod/Artist-Web')).toEqual({ kind: 'Component', namespace: 'Prod', name: 'Artist-Web' });
  });

  it('fills the kind and namespace from the context', () => {
    expect(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'ops' })).toEqual({
      kind: 'Group',
      namespace: 'ops',
      name: 'team-a',
    });
    expect(parseEntityRef('infra/team-a', { defaultKind: 'Group', defaultNamespace: 'ops' })).toEqual({
      kind: 'Group',
      namespace: 'infra',
      name: 'team-a',
    });
    expect(parseEntityRef('user:jdoe', { defaultKind: 'Group', defaultNamespace: 'ops' })).toEqual({
      kind: 'user',
      namespace: 'ops',
      name: 'jdoe',
    });
  });

  it('uses the "default" namespace when neither ref nor context gives one', () => {
    expect(DEFAULT_NAMESPACE).toBe('default');
    expect(parseEntityRef('component:web')).toEqual({ kind: 'component', namespace: 'default', name: 'web' });
  });

  it('accepts the compound form, whose parts may contain ":" and "/"', () => {
    expect(parseEntityRef({ kind: 'Group', name: 'a:b/c' }, { defaultNamespace: 'x' })).toEqual({
      kind: 'Group',
      namespace: 'x',
      name: 'a:b/c',
    });
    expect(parseEntityRef({ name: 'team-a' }, { defaultKind: 'Group' })).toEqual({
      kind: 'Group',
      namespace: 'default',
      name: 'team-a',
    });
  });

  it('refuses a ref without a kind when none is implied', () => {
    expect(() => parseEntityRef('web')).toThrow(InvalidEntityRefError);
    expect(() => parseEntityRef('web')).toThrow(/has no kind.*component:web/);
    expect(() => parseEntityRef({ name: 'web' })).toThrow(InvalidEntityRefError);
  });

  it.each([
    ['', /must not be empty/],
    ['   ', /must not be empty/],
    [':web', /empty kind/],
    ['component:/web', /empty namespace/],
    ['component:default/', /empty name/],
    ['component:a:b', /not of the form/],
    ['component:a/b/c', /not of the form/],
    ['ns/component:web', /not of the form/],
  ])('refuses %j', (ref, message) => {
    expect(() => parseEntityRef(ref, { defaultKind: 'Component' })).toThrow(message);
  });

  it('refuses compound refs with empty parts', () => {
    expect(() => parseEntityRef({ kind: '', name: 'x' })).toThrow(/empty or non-string kind/);
    expect(() => parseEntityRef({ kind: 'Group', namespace: '', name: 'x' })).toThrow(/namespace/);
    expect(() => parseEntityRef({ kind: 'Group', name: '' })).toThrow(/no name/);
  });

  it('names the error InvalidEntityRefError', () => {
    try {
      parseEntityRef('a:b:c');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('InvalidEntityRefError');
    }
  });
});

describe('stringifyEntityRef', () => {
  it('gives the canonical lowercase form with the namespace filled in', () => {
    expect(stringifyEntityRef({ kind: 'Component', namespace: 'Prod', name: 'Artist-Web' })).toBe('component:prod/artist-web');
    expect(stringifyEntityRef({ kind: 'API', name: 'Orders' })).toBe('api:default/orders');
  });

  it('reads an entity', () => {
    expect(stringifyEntityRef({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'Team-A' } })).toBe(
      'group:default/team-a',
    );
    expect(stringifyEntityRef({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'a', namespace: 'ops' } })).toBe(
      'group:ops/a',
    );
  });

  it('round-trips through parseEntityRef', () => {
    const ref = 'resource:infra/orders-db';
    expect(stringifyEntityRef(parseEntityRef(ref))).toBe(ref);
  });
});

describe('location refs', () => {
  it('splits on the first colon only', () => {
    expect(parseLocationRef('url:https://github.com/org/repo/blob/main/catalog-info.yaml')).toEqual({
      type: 'url',
      target: 'https://github.com/org/repo/blob/main/catalog-info.yaml',
    });
    expect(parseLocationRef('file:/tmp/a:b.yaml')).toEqual({ type: 'file', target: '/tmp/a:b.yaml' });
    expect(parseLocationRef('bootstrap:bootstrap')).toEqual({ type: 'bootstrap', target: 'bootstrap' });
  });

  it.each(['', 'nocolon', ':target', 'url:', 'url:   '])('refuses %j', (ref) => {
    expect(() => parseLocationRef(ref)).toThrow(InvalidLocationRefError);
  });

  it('refuses a bare URL and suggests the url: prefix', () => {
    expect(() => parseLocationRef('https://example.com/catalog-info.yaml')).toThrow(/url:https:\/\/example.com/);
  });

  it('refuses javascript: targets, which would become links', () => {
    expect(() => parseLocationRef('url:javascript:alert(1)')).toThrow(/javascript/);
    expect(() => parseLocationRef('url: java\tscript:alert(1)')).toThrow(/javascript/);
  });

  it('stringifies and refuses empty parts', () => {
    expect(stringifyLocationRef({ type: 'url', target: 'https://x/y.yaml' })).toBe('url:https://x/y.yaml');
    expect(() => stringifyLocationRef({ type: '', target: 'x' })).toThrow(/empty type/);
    expect(() => stringifyLocationRef({ type: 'url', target: '' })).toThrow(/empty target/);
  });
});
