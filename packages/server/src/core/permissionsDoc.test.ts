import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';
import type { Principal } from './identity';
import { createConfigPolicy } from './policy';

/** The example policy of docs/permissions.md is valid config and means what the page says. */
describe('docs/permissions.md example policy', () => {
  const doc = readFileSync(new URL('../../../../docs/permissions.md', import.meta.url), 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
  const config = parseConfig(parse(yaml), { rootDir: process.cwd(), env: {} });
  const policy = createConfigPolicy(config.permission!);

  const user = (ref: string, groups: string[] = []): Principal => ({
    type: 'user',
    userEntityRef: ref,
    ownershipEntityRefs: [ref, ...groups],
    displayName: ref,
  });
  const admin = user('user:default/bob', ['group:default/platform-team']);
  const member = user('user:default/noah', ['group:default/payments']);
  const ci: Principal = { type: 'service', subject: 'ci', ownershipEntityRefs: [], displayName: 'service:ci' };

  it('lets admins do anything, and nobody else register locations', () => {
    expect(policy.decide(admin, { name: 'catalog.location.create' })).toBe('allow');
    expect(policy.decide(member, { name: 'catalog.location.create' })).toBe('deny');
    expect(policy.decide(ci, { name: 'catalog.location.create' })).toBe('deny');
  });

  it('lets members refresh only what they own, and hides Resources from non-owners', () => {
    expect(policy.decide(member, { name: 'catalog.entity.refresh', resourceType: 'catalog-entity' })).toEqual({
      resourceType: 'catalog-entity',
      conditions: { rule: 'isEntityOwner', params: { claims: member.ownershipEntityRefs } },
    });
    const read = policy.decide(member, { name: 'catalog.entity.read', resourceType: 'catalog-entity' });
    expect(read).toMatchObject({ conditions: { not: { allOf: [{ rule: 'isEntityKind' }, { not: { rule: 'isEntityOwner' } }] } } });
  });

  it('lets the ci service read but not write', () => {
    expect(policy.decide(ci, { name: 'search.query' })).toBe('allow');
    expect(policy.decide(ci, { name: 'scaffolder.task.cancel' })).toBe('deny');
  });
});
