import { describe, expect, it } from 'vitest';
import { normalizeFilterValue, parseQuery } from './parseQuery';

describe('parseQuery', () => {
  it('reads free words and quoted phrases', () => {
    expect(parseQuery('  payments "order history"  api ')).toEqual({ words: ['payments', 'api'], phrases: ['order history'], filters: {} });
  });

  it('reads plain filters lower-case', () => {
    expect(parseQuery('kind:API type:Service lifecycle:production tag:Java namespace:Default').filters).toEqual({
      kind: ['api'],
      type: ['service'],
      lifecycle: ['production'],
      tag: ['java'],
      namespace: ['default'],
    });
  });

  it("fills in each ref filter's default kind and the default namespace", () => {
    expect(parseQuery('owner:team-x system:shop dependsOn:orders consumes:orders-api hasMember:jane memberOf:ops').filters).toEqual({
      owner: ['group:default/team-x'],
      system: ['system:default/shop'],
      dependsOn: ['component:default/orders'],
      consumes: ['api:default/orders-api'],
      hasMember: ['user:default/jane'],
      memberOf: ['group:default/ops'],
    });
  });

  it('keeps an explicit kind and namespace, case-insensitively', () => {
    expect(parseQuery('DependsOn:Resource:Prod/Orders-DB owner:user:jane').filters).toEqual({
      dependsOn: ['resource:prod/orders-db'],
      owner: ['user:default/jane'],
    });
  });

  it('ORs the same key and keeps different keys apart, with words alongside', () => {
    expect(parseQuery('kind:component checkout kind:api owner:team-x')).toEqual({
      words: ['checkout'],
      phrases: [],
      filters: { kind: ['component', 'api'], owner: ['group:default/team-x'] },
    });
  });

  it('treats an unknown key, an empty value or a bad ref as a word', () => {
    expect(parseQuery('color:blue owner: http://example.com dependsOn:a:b:c')).toEqual({
      words: ['color:blue', 'owner:', 'http://example.com', 'dependsOn:a:b:c'],
      phrases: [],
      filters: {},
    });
  });

  it('normalizes API filter values the same way', () => {
    expect(normalizeFilterValue('providedBy', 'Payments')).toBe('component:default/payments');
    expect(normalizeFilterValue('kind', ' Component ')).toBe('component');
  });
});
