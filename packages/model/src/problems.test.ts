import { describe, expect, it } from 'vitest';
import { checkCatalogFile, checkEntityDocument, formatFieldPath, formatProblem } from './problems';
import { createKindRegistry } from './validation/registry';
import { parseCatalogYaml } from './yaml';

const registry = createKindRegistry();

const FILE = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: artists
spec:
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Foo
  tags: [java, Web]
spec:
  type: service
  lifecycle: production
`;

describe('formatFieldPath', () => {
  it('writes dotted paths with indexes, quoting keys that are not plain words', () => {
    expect(formatFieldPath(['spec', 'owner'])).toBe('spec.owner');
    expect(formatFieldPath(['metadata', 'tags', 2])).toBe('metadata.tags[2]');
    expect(formatFieldPath(['metadata', 'annotations', 'backstage.io/techdocs-ref'])).toBe(
      'metadata.annotations["backstage.io/techdocs-ref"]',
    );
    expect(formatFieldPath([])).toBe('');
  });
});

describe('formatProblem', () => {
  it('prints file:line, the document and entity, the field and the message', () => {
    expect(
      formatProblem({
        file: 'catalog-info.yaml',
        line: 7,
        document: 2,
        entityRef: 'component:default/foo',
        field: 'spec.owner',
        message: 'is required',
      }),
    ).toBe('catalog-info.yaml:7: document 2 (component:default/foo): spec.owner: is required');
  });

  it('leaves out what is not known', () => {
    expect(formatProblem({ file: 'a.yaml', message: 'could not be read' })).toBe('a.yaml: could not be read');
    expect(formatProblem({ file: 'a.yaml', line: 3, document: 1, message: 'boom' })).toBe('a.yaml:3: document 1: boom');
    expect(formatProblem({ file: 'a.yaml', entityRef: 'group:default/x', field: 'spec.type', message: 'is required' })).toBe(
      'a.yaml: group:default/x: spec.type: is required',
    );
  });
});

describe('checkCatalogFile', () => {
  it('returns the valid entity and places each problem of the invalid one on its line', () => {
    const [system, component] = checkCatalogFile(FILE, 'catalog-info.yaml', registry);
    expect(system.problems).toEqual([]);
    expect(system.entity?.metadata.name).toBe('artists');

    expect(component.entity).toBeUndefined();
    expect(component.problems.map(formatProblem)).toEqual([
      'catalog-info.yaml:12: document 2 (component:default/foo): metadata.tags[1]: must be a string of 1-63 lowercase characters [a-z0-9:+#] separated by [-], e.g. java or c++ (try web)',
      'catalog-info.yaml:13: document 2 (component:default/foo): spec.owner: is required',
    ]);
  });

  it('turns a syntax error into one problem for the whole file', () => {
    const broken = `${FILE}---\nkind: Group\nmetadata: {name: x\n`;
    const checked = checkCatalogFile(broken, 'org.yaml', registry);
    expect(checked).toHaveLength(1);
    expect(checked[0].entity).toBeUndefined();
    expect(checked[0].problems).toHaveLength(1);
    expect(checked[0].problems[0]).toMatchObject({ file: 'org.yaml', document: 3, line: 19 });
    expect(formatProblem(checked[0].problems[0])).toMatch(/^org\.yaml:19: document 3: YAML syntax error: /);
  });

  it('explains a document that is a list or a scalar instead of an entity', () => {
    const checked = checkCatalogFile('- name: a\n- name: b\n---\njust some text\n', 'list.yaml', registry);
    expect(checked.map((c) => c.problems.map(formatProblem))).toEqual([
      ['list.yaml:1: document 1: expected an entity (a mapping with apiVersion, kind, metadata and spec) but found a list'],
      ['list.yaml:4: document 2: expected an entity (a mapping with apiVersion, kind, metadata and spec) but found a string'],
    ]);
  });

  it('names the entity even when its kind is unknown', () => {
    const [checked] = checkCatalogFile(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: Gizmo\n  namespace: Lab\n',
      'w.yaml',
      registry,
    );
    expect(checked.problems.map((p) => [p.line, p.entityRef, p.field])).toEqual([
      [2, 'widget:lab/gizmo', 'kind'],
      [5, 'widget:lab/gizmo', 'metadata.namespace'],
    ]);
  });
});

describe('checkEntityDocument', () => {
  it('uses the line of the nearest existing field for a missing one', () => {
    const [doc] = parseCatalogYaml('\n\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n', 'g.yaml');
    const checked = checkEntityDocument(doc, 'g.yaml', registry);
    expect(checked.problems.map(formatProblem)).toEqual(['g.yaml:3: document 1 (group:default/team-a): spec: is required for kind Group']);
  });
});
