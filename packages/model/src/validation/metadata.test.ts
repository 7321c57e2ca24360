import { describe, expect, it } from 'vitest';
import { createKindRegistry } from './registry';
import { validateEntity } from './validate';

const registry = createKindRegistry();

/** Issues for a valid System whose metadata gets `patch` merged in. */
function issues(patch: Record<string, unknown>): string[] {
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'artists', ...patch },
    spec: { owner: 'team-a' },
  };
  return validateEntity(entity, registry).map((i) => `${i.path.join('.')}: ${i.message}`);
}

const NAME_RULE = 'must be a string of 1-63 characters [a-zA-Z0-9] separated by [-_.]';

describe('metadata.name', () => {
  it.each(['a', 'artist-web', 'Artist_Web.v2', 'x'.repeat(63), '9lives'])('accepts %j', (name) => {
    expect(issues({ name })).toEqual([]);
  });

  it('refuses 64 characters and says how long it is', () => {
    expect(issues({ name: 'x'.repeat(64) })).toEqual([`metadata.name: ${NAME_RULE} (this one has 64)`]);
  });

  it.each(['-web', 'web-', '.web', 'web_', 'artist web', 'artist/web', 'ärtist', ''])('refuses %j', (name) => {
    expect(issues({ name })).toEqual([`metadata.name: ${NAME_RULE}`]);
  });

  it('is required and must be a string', () => {
    const noName = { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { title: 'Artists' }, spec: { owner: 'a' } };
    expect(validateEntity(noName, registry)).toEqual([{ path: ['metadata', 'name'], message: 'is required' }]);
    expect(issues({ name: 42 })).toEqual([`metadata.name: ${NAME_RULE}`]);
  });
});

describe('metadata.namespace', () => {
  it.each(['default', 'team-a', 'a1', 'a--b', 'x'.repeat(63)])('accepts %j', (namespace) => {
    expect(issues({ namespace })).toEqual([]);
  });

  it('refuses uppercase and suggests the lowercase form', () => {
    expect(issues({ namespace: 'Prod' })).toEqual([
      'metadata.namespace: must be a string of 1-63 lowercase characters [a-z0-9] separated by [-], e.g. default (try prod)',
    ]);
  });

  it.each(['team_a', '-a', 'a-', 'a.b', '', 'x'.repeat(64)])('refuses %j', (namespace) => {
    expect(issues({ namespace })).toHaveLength(1);
    expect(issues({ namespace })[0]).toMatch(/^metadata\.namespace: must be a string of 1-63 lowercase/);
  });
});

describe('metadata.labels', () => {
  it('accepts prefixed keys and empty values', () => {
    expect(issues({ labels: { 'example.com/tier': 'gold', 'backstage.io/custom': 'ValueStuff', plain: '' } })).toEqual([]);
  });

  it.each(['-gold', 'two words', 'x'.repeat(64)])('refuses the value %j', (value) => {
    expect(issues({ labels: { tier: value } })[0]).toMatch(
      /^metadata\.labels\.tier: must be empty or a string of 1-63 characters \[a-zA-Z0-9\] separated by \[-_.\]/,
    );
  });

  it('asks to quote values YAML reads as numbers or booleans', () => {
    expect(issues({ labels: { critical: true } })).toEqual([
      'metadata.labels.critical: must be a string; quote it in YAML if it looks like a number or true/false',
    ]);
  });

  it('must be a mapping', () => {
    expect(issues({ labels: ['a'] })).toEqual(['metadata.labels: must be a mapping (key: value pairs), not a list']);
    expect(issues({ labels: null })).toEqual(['metadata.labels: must be a mapping (key: value pairs), not nothing (null)']);
  });
});

describe('metadata.annotations', () => {
  // backstage.io/ is reserved for Backstage's own annotations by convention only;
  // Backstage accepts it from files (backstage.io/techdocs-ref lives there).
  it('accepts well-known and custom keys, with any string value', () => {
    expect(
      issues({
        annotations: {
          'backstage.io/techdocs-ref': 'dir:.',
          'github.com/project-slug': 'org/repo',
          'jenkins.io/job-full-name': 'folder/job name with spaces: and colons',
          simple: '',
        },
      }),
    ).toEqual([]);
  });

  it.each([
    'Example.com/x', // the prefix is a DNS name, so lowercase only
    'example..com/x',
    '-example.com/x',
    'a/b/c',
    '/x',
    'example.com/',
    'example.com/-x',
    `${'a'.repeat(64)}.com/x`,
  ])('refuses the key %j', (key) => {
    const found = issues({ annotations: { [key]: 'v' } });
    expect(found).toEqual([expect.stringMatching(/is not valid: it must be \[<prefix>\/\]<name>/)]);
    expect(found[0].startsWith(`metadata.annotations.${key}: key "${key}"`)).toBe(true);
  });

  it('requires string values', () => {
    expect(issues({ annotations: { 'github.com/user-id': 123456 } })).toEqual([
      'metadata.annotations.github.com/user-id: must be a string; quote it in YAML if it looks like a number or true/false',
    ]);
  });
});

describe('metadata.tags', () => {
  it.each(['java', 'c++', 'c#', 'data:v2', 'go-1-22', 'x'.repeat(63)])('accepts %j', (tag) => {
    expect(issues({ tags: [tag] })).toEqual([]);
  });

  it('refuses uppercase and suggests the lowercase form', () => {
    expect(issues({ tags: ['java', 'Python'] })).toEqual([
      'metadata.tags.1: must be a string of 1-63 lowercase characters [a-z0-9:+#] separated by [-], e.g. java or c++ (try python)',
    ]);
  });

  it.each(['', 'two words', 'a--b', '-a', 'a-', 'snake_case', 'dotted.tag', 'x'.repeat(64)])('refuses %j', (tag) => {
    expect(issues({ tags: [tag] })).toEqual([expect.stringMatching(/^metadata\.tags\.0: must be a string of 1-63 lowercase/)]);
  });

  it('must be a list', () => {
    expect(issues({ tags: 'java' })).toEqual(['metadata.tags: must be a list of tags, not a string']);
  });
});

describe('metadata.links', () => {
  it('accepts url with optional title, icon and type', () => {
    expect(
      issues({ links: [{ url: 'https://grafana.example.com/d/abc', title: 'Dashboard', icon: 'dashboard', type: 'metrics' }] }),
    ).toEqual([]);
  });

  it('refuses a link without url, or with one that is not a URL', () => {
    expect(issues({ links: [{ title: 'Runbook' }, { url: 'wiki/runbook' }] })).toEqual([
      'metadata.links.0.url: is required',
      'metadata.links.1.url: must be a valid absolute URL, e.g. https://example.com/dashboard',
    ]);
  });

  it('requires the optional fields to be non-empty strings', () => {
    expect(issues({ links: [{ url: 'https://x.example', title: ' ', icon: 3, type: '' }] })).toEqual([
      'metadata.links.0.title: must be a non-empty string',
      'metadata.links.0.icon: must be a non-empty string',
      'metadata.links.0.type: must be a non-empty string',
    ]);
  });

  it('must be a list of mappings', () => {
    expect(issues({ links: { url: 'https://x.example' } })).toEqual(['metadata.links: must be a list of links, not a mapping']);
    expect(issues({ links: ['https://x.example'] })).toEqual([
      'metadata.links.0: must be a mapping with a url (and optionally title, icon, type), not a string',
    ]);
  });
});

describe('other metadata fields', () => {
  it('requires title and description to be strings; title not empty', () => {
    expect(issues({ title: 'Artists', description: '' })).toEqual([]);
    expect(issues({ title: '', description: 7 })).toEqual([
      'metadata.title: must be a non-empty string',
      'metadata.description: must be a string',
    ]);
  });

  it('requires uid and etag, when present, to be non-empty strings', () => {
    expect(issues({ uid: 'e01199ab-08cc-44c2-8e19-5c29ded82521', etag: 'lsndfkjsndfkjnsdfkjnsd==' })).toEqual([]);
    expect(issues({ uid: 12, etag: '' })).toEqual([
      'metadata.uid: must be a non-empty string',
      'metadata.etag: must be a non-empty string',
    ]);
  });

  it('keeps any other metadata key as written', () => {
    expect(issues({ 'ui:options': { color: 'red' }, owner_note: 'x' })).toEqual([]);
  });
});
