import { describe, expect, it } from 'vitest';
import { criteriaToCondition } from './permissionRules';

describe('criteriaToCondition', () => {
  it('turns each catalog rule into a lookup on the search index, lowercased', () => {
    expect(criteriaToCondition({ rule: 'isEntityOwner', params: { claims: ['user:default/Ada', 'group:default/Team-A'] } })).toEqual({
      key: 'relations.ownedby',
      values: ['user:default/ada', 'group:default/team-a'],
    });
    expect(criteriaToCondition({ rule: 'isEntityKind', params: { kinds: ['Resource', 'API'] } })).toEqual({
      key: 'kind',
      values: ['resource', 'api'],
    });
    expect(criteriaToCondition({ rule: 'hasAnnotation', params: { annotation: 'backstage.io/techdocs-ref' } })).toEqual({
      key: 'metadata.annotations.backstage.io/techdocs-ref',
    });
    expect(criteriaToCondition({ rule: 'hasAnnotation', params: { annotation: 'acme.com/Tier', value: 'Gold' } })).toEqual({
      key: 'metadata.annotations.acme.com/tier',
      values: ['gold'],
    });
    expect(criteriaToCondition({ rule: 'hasLabel', params: { label: 'secret', value: 'true' } })).toEqual({
      key: 'metadata.labels.secret',
      values: ['true'],
    });
    expect(criteriaToCondition({ rule: 'hasMetadata', params: { key: 'title' } })).toEqual({ key: 'metadata.title' });
    expect(criteriaToCondition({ rule: 'hasSpec', params: { key: 'lifecycle', value: 'production' } })).toEqual({
      key: 'spec.lifecycle',
      values: ['production'],
    });
  });

  it('keeps allOf / anyOf / not as all / any / not', () => {
    const kind = { rule: 'isEntityKind', params: { kinds: ['Resource'] } };
    const owner = { rule: 'isEntityOwner', params: { claims: ['group:default/a'] } };
    expect(criteriaToCondition({ anyOf: [{ not: { allOf: [kind, owner] } }, owner] })).toEqual({
      any: [
        {
          not: {
            all: [
              { key: 'kind', values: ['resource'] },
              { key: 'relations.ownedby', values: ['group:default/a'] },
            ],
          },
        },
        { key: 'relations.ownedby', values: ['group:default/a'] },
      ],
    });
  });

  it('refuses a rule it does not know, naming it, and a malformed parameter', () => {
    expect(() => criteriaToCondition({ rule: 'isEntityTeam', params: {} })).toThrow(/isEntityTeam/);
    expect(() => criteriaToCondition({ rule: 'isEntityKind', params: { kinds: 'Resource' } })).toThrow(/isEntityKind: parameter kinds/);
  });
});
