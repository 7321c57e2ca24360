import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { anonymousPrincipal, guestPrincipal, type Principal } from './identity';
import type { Permission } from './permissions';
import { createConfigPolicy } from './policy';

/** The policy a `permission:` section of greenroom.yaml gives, parsed as the server parses it. */
const policyOf = (permission: Record<string, unknown>) => createConfigPolicy(parseConfig({ permission }, { rootDir: '/tmp' }).permission!);

const user = (name: string, groups: string[] = []): Principal => ({
  type: 'user',
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [`user:default/${name}`, ...groups],
  displayName: name,
});
const service = (name: string): Principal => ({ type: 'service', subject: name, ownershipEntityRefs: [], displayName: name });

const read: Permission = { name: 'catalog.entity.read', resourceType: 'catalog-entity' };
const refresh: Permission = { name: 'catalog.entity.refresh', resourceType: 'catalog-entity' };
const registerLocation: Permission = { name: 'catalog.location.create' };

const ada = user('ada', ['group:default/platform', 'group:default/payments']);
const bob = user('bob', ['group:default/payments']);
const carol = user('carol');

describe('roles', () => {
  const policy = policyOf({
    roles: {
      admin: ['user:ada'],
      platform: ['group:Platform'],
      ci: ['service:ci'],
      everyone: ['*'],
    },
    rules: [
      { permissions: ['catalog.location.create'], roles: ['admin'], decision: 'allow' },
      { permissions: ['catalog.location.delete'], roles: ['platform'], decision: 'allow' },
      { permissions: ['catalog.location.analyze'], roles: ['ci'], decision: 'allow' },
      { permissions: ['catalog.location.read'], roles: ['everyone'], decision: 'allow' },
    ],
  });
  const may = (principal: Principal, name: string) => policy.decide(principal, { name });

  it('are held by a user named in them (short refs mean the default namespace)', () => {
    expect(may(ada, 'catalog.location.create')).toBe('allow');
    expect(may(bob, 'catalog.location.create')).toBe('deny');
  });

  it('are held through any group among the ownership refs, compared case-insensitively', () => {
    expect(may(ada, 'catalog.location.delete')).toBe('allow');
    expect(may(bob, 'catalog.location.delete')).toBe('deny');
  });

  it('are held by a service token by its name, and by nobody else through that entry', () => {
    expect(may(service('ci'), 'catalog.location.analyze')).toBe('allow');
    expect(may(service('deploy'), 'catalog.location.analyze')).toBe('deny');
    expect(may({ ...carol, subject: 'ci' }, 'catalog.location.analyze')).toBe('deny');
  });

  it('* is anyone who is not anonymous, the guest included', () => {
    expect(may(carol, 'catalog.location.read')).toBe('allow');
    expect(may(service('deploy'), 'catalog.location.read')).toBe('allow');
    expect(may(guestPrincipal, 'catalog.location.read')).toBe('allow');
    expect(may(anonymousPrincipal, 'catalog.location.read')).toBe('deny');
  });
});

describe('rules', () => {
  it('the first that applies decides', () => {
    const policy = policyOf({
      roles: { admin: ['user:ada'] },
      rules: [
        { permissions: ['catalog.location.*'], roles: ['admin'], decision: 'allow' },
        { permissions: ['catalog.location.create'], decision: 'deny' },
        { permissions: ['*'], decision: 'allow' },
      ],
    });
    expect(policy.decide(ada, registerLocation)).toBe('allow');
    expect(policy.decide(bob, registerLocation)).toBe('deny');
    expect(policy.decide(bob, { name: 'catalog.location.delete' })).toBe('allow');
  });

  it('globs match across dots; other names do not match', () => {
    const policy = policyOf({ rules: [{ permissions: ['catalog.*'], decision: 'allow' }] });
    expect(policy.decide(bob, read)).toBe('allow');
    expect(policy.decide(bob, { name: 'scaffolder.task.create' })).toBe('deny');
    expect(policy.decide(bob, { name: 'catalogue.entity.read' })).toBe('deny');
  });

  it('without a matching rule, the default decides: deny unless it says allow', () => {
    expect(policyOf({}).decide(bob, read)).toBe('deny');
    expect(policyOf({ default: 'allow' }).decide(bob, read)).toBe('allow');
  });

  it('the anonymous caller is refused whatever the rules say', () => {
    expect(policyOf({ default: 'allow' }).decide(anonymousPrincipal, read)).toBe('deny');
  });
});

describe('conditional rules', () => {
  const resourceUnlessOwner = { allOf: [{ isEntityKind: ['Resource'] }, { not: { isEntityOwner: true } }] };
  const policy = policyOf({
    roles: { admin: ['group:platform'], member: ['*'] },
    rules: [
      { permissions: ['*'], roles: ['admin'], decision: 'allow' },
      {
        permissions: ['catalog.entity.refresh', 'catalog.entity.delete'],
        roles: ['member'],
        if: { isEntityOwner: true },
        decision: 'allow',
      },
      { permissions: ['catalog.entity.read'], if: resourceUnlessOwner, decision: 'deny' },
      { permissions: ['catalog.entity.read', 'catalog.location.*', 'search.*'], decision: 'allow' },
    ],
  });
  const owner = (principal: Principal) => ({ rule: 'isEntityOwner', params: { claims: principal.ownershipEntityRefs } });
  const kindResource = { rule: 'isEntityKind', params: { kinds: ['Resource'] } };

  it('an unconditional rule before them decides alone', () => {
    expect(policy.decide(ada, refresh)).toBe('allow');
    expect(policy.decide(ada, read)).toBe('allow');
  });

  it('allow if … with nothing allowed after it: the condition itself, with the caller’s claims', () => {
    expect(policy.decide(bob, refresh)).toEqual({ resourceType: 'catalog-entity', conditions: owner(bob) });
  });

  it('deny if … before an allow: the negation of the condition', () => {
    expect(policy.decide(carol, read)).toEqual({
      resourceType: 'catalog-entity',
      conditions: { not: { allOf: [kindResource, { not: owner(carol) }] } },
    });
  });

  it('a conditional allow ORs with what follows, a conditional deny ANDs its negation', () => {
    const layered = policyOf({
      rules: [
        { permissions: ['catalog.entity.read'], if: { isEntityOwner: true }, decision: 'allow' },
        { permissions: ['catalog.entity.read'], if: { isEntityKind: ['Resource'] }, decision: 'deny' },
        { permissions: ['catalog.entity.read'], if: { hasLabel: { key: 'tier', value: 'secret' } }, decision: 'deny' },
        { permissions: ['*'], decision: 'allow' },
      ],
    });
    // Owned → allowed; otherwise allowed unless a Resource or labelled secret.
    expect(layered.decide(carol, read)).toEqual({
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          owner(carol),
          { allOf: [{ not: kindResource }, { not: { rule: 'hasLabel', params: { label: 'tier', value: 'secret' } } }] },
        ],
      },
    });
  });

  it('a conditional allow after which everything is allowed is simply allow; a deny with nothing after is deny', () => {
    const allowAll = policyOf({
      rules: [
        { permissions: ['catalog.entity.read'], if: { isEntityOwner: true }, decision: 'allow' },
        { permissions: ['*'], decision: 'allow' },
      ],
    });
    expect(allowAll.decide(bob, read)).toBe('allow');
    const denyAll = policyOf({ rules: [{ permissions: ['catalog.entity.read'], if: { isEntityOwner: true }, decision: 'deny' }] });
    expect(denyAll.decide(bob, read)).toBe('deny');
  });

  it('every YAML condition becomes the catalog rule of the same name', () => {
    const everything = policyOf({
      rules: [
        {
          permissions: ['catalog.entity.read'],
          if: {
            anyOf: [
              { hasAnnotation: 'backstage.io/techdocs-ref' },
              { hasAnnotation: { key: 'github.com/project-slug', value: 'acme/x' } },
              { hasLabel: 'tier' },
              { hasMetadata: { key: 'title', value: 'Ledger' } },
              { hasSpec: 'lifecycle' },
            ],
          },
          decision: 'allow',
        },
      ],
    });
    expect(everything.decide(bob, read)).toEqual({
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          { rule: 'hasAnnotation', params: { annotation: 'backstage.io/techdocs-ref' } },
          { rule: 'hasAnnotation', params: { annotation: 'github.com/project-slug', value: 'acme/x' } },
          { rule: 'hasLabel', params: { label: 'tier' } },
          { rule: 'hasMetadata', params: { key: 'title', value: 'Ledger' } },
          { rule: 'hasSpec', params: { key: 'lifecycle' } },
        ],
      },
    });
  });

  it('apply to scaffolder.task.create (the template is the resource) and to any permission checked on a resource', () => {
    const templates = policyOf({
      rules: [{ permissions: ['scaffolder.*', 'custom.thing'], if: { isEntityOwner: true }, decision: 'allow' }],
    });
    expect(templates.decide(bob, { name: 'scaffolder.task.create' })).toEqual({ resourceType: 'catalog-entity', conditions: owner(bob) });
    expect(templates.decide(bob, { name: 'custom.thing' }, 'component:default/x')).toEqual({
      resourceType: 'catalog-entity',
      conditions: owner(bob),
    });
  });

  it('are skipped for a permission about no entity: allow-if grants nothing, deny-if denies nothing', () => {
    const basic = policyOf({
      rules: [
        { permissions: ['catalog.location.create'], if: { isEntityOwner: true }, decision: 'allow' },
        { permissions: ['catalog.location.delete'], if: { isEntityOwner: true }, decision: 'deny' },
        { permissions: ['catalog.location.delete'], decision: 'allow' },
      ],
    });
    expect(basic.decide(bob, registerLocation)).toBe('deny');
    expect(basic.decide(bob, { name: 'catalog.location.delete' })).toBe('allow');
  });
});

describe('configuration errors', () => {
  it('a rule naming a role that is not defined is refused at start, naming where', () => {
    const build = () =>
      policyOf({
        roles: { admin: ['user:ada'] },
        rules: [
          { permissions: ['*'], roles: ['admin'], decision: 'allow' },
          { permissions: ['*'], roles: ['admins'], decision: 'allow' },
        ],
      });
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(/permission\.rules\[1\]\.roles: the role "admins" is not defined.*admin/);
  });

  it('a role member without a kind is refused, naming where', () => {
    expect(() => policyOf({ roles: { admin: ['ada'] } })).toThrow(/permission\.roles\.admin\[0\]/);
  });
});
