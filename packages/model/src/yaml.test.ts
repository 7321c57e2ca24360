import { describe, expect, it } from 'vitest';
import { YamlSyntaxError, parseCatalogYaml } from './yaml';

const TWO_DOCS = `# The artist service and its database
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: artist-web
spec:
  type: website
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: artists-db
  tags:
    - postgres
    - eu-west
spec:
  type: database
  owner: team-a
`;

function syntaxError(fn: () => unknown): YamlSyntaxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof YamlSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a YamlSyntaxError');
}

describe('parseCatalogYaml', () => {
  it('reads every document with its index and first line', () => {
    const docs = parseCatalogYaml(TWO_DOCS, 'catalog-info.yaml');
    expect(docs.map((d) => [d.index, d.line])).toEqual([
      [0, 2],
      [1, 9],
    ]);
    expect(docs[1].value).toMatchObject({ kind: 'Resource', metadata: { name: 'artists-db' } });
  });

  it('finds the line of a field in the second document', () => {
    const [, db] = parseCatalogYaml(TWO_DOCS, 'catalog-info.yaml');
    expect(db.lineOf(['spec', 'owner'])).toBe(18);
    expect(db.lineOf(['metadata', 'tags', 1])).toBe(15);
    expect(db.lineOf(['metadata'])).toBe(11);
    expect(db.lineOf([])).toBe(9);
  });

  it('falls back to the nearest existing ancestor for missing fields', () => {
    const [web, db] = parseCatalogYaml(TWO_DOCS, 'catalog-info.yaml');
    expect(web.lineOf(['spec', 'owner'])).toBe(6);
    expect(db.lineOf(['metadata', 'tags', 7])).toBe(13);
    expect(db.lineOf(['nothing', 'here'])).toBe(9);
  });

  it('finds lines inside flow collections', () => {
    const [doc] = parseCatalogYaml('metadata: { name: x }\nspec:\n  steps: [{ id: a },\n    { id: b }]\n', 'f.yaml');
    expect(doc.lineOf(['spec', 'steps', 1, 'id'])).toBe(4);
  });

  it('skips empty documents, keeping the others numbered by position', () => {
    const docs = parseCatalogYaml('---\na: 1\n---\n# nothing here\n---\nb: 2\n---\n', 'f.yaml');
    expect(docs.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [2, { b: 2 }],
    ]);
    expect(parseCatalogYaml('', 'f.yaml')).toEqual([]);
  });

  it('keeps values plain JSON: dates and tagged values stay strings', () => {
    const [doc] = parseCatalogYaml(
      'since: 2024-01-01\nat: !!timestamp 2001-12-14\nblob: !!binary aGVsbG8=\non: yes\nport: 8080\n',
      'f.yaml',
    );
    expect(doc.value).toEqual({ since: '2024-01-01', at: '2001-12-14', blob: 'aGVsbG8=', on: 'yes', port: 8080 });
  });

  it('reports a syntax error with file and line, for the whole file', () => {
    const text = `${TWO_DOCS}---\napiVersion: backstage.io/v1alpha1\nkind: [Component\nmetadata:\n  name: x\n`;
    const error = syntaxError(() => parseCatalogYaml(text, 'services/catalog-info.yaml'));
    expect(error.name).toBe('YamlSyntaxError');
    expect(error.file).toBe('services/catalog-info.yaml');
    expect(error.line).toBe(22);
    expect(error.document).toBe(3);
    expect(error.message).toMatch(/^services\/catalog-info\.yaml:22: YAML syntax error: /);
  });

  it('treats duplicate keys as a syntax error', () => {
    const error = syntaxError(() => parseCatalogYaml('metadata:\n  name: a\n  name: b\n', 'f.yaml'));
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/unique/);
  });

  it('refuses a billion-laughs alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: lol\nspec:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;

    const started = Date.now();
    const error = syntaxError(() => parseCatalogYaml(bomb, 'bomb.yaml'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/^bomb\.yaml:1: document expands too many YAML aliases \(limit 100\)/);
  });

  it('still accepts a reasonable use of anchors and aliases', () => {
    const [doc] = parseCatalogYaml('common: &tags [java, web]\na: *tags\nb: *tags\n', 'f.yaml');
    expect(doc.value).toEqual({ common: ['java', 'web'], a: ['java', 'web'], b: ['java', 'web'] });
    expect(() => parseCatalogYaml('x: &x [1]\ny: [*x, *x, *x]\n', 'f.yaml', { maxAliasCount: 2 })).toThrow(YamlSyntaxError);
  });
});
