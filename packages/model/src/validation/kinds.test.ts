import { describe, expect, it } from 'vitest';
import { parseCatalogYaml } from '../yaml';
import { createKindRegistry } from './registry';
import { validateEntity } from './validate';

const registry = createKindRegistry();

function issues(yaml: string): string[] {
  const [doc] = parseCatalogYaml(yaml, 'test.yaml');
  return validateEntity(doc.value, registry).map((i) => `${i.path.join('.')}: ${i.message}`);
}

const VALID: Record<string, string> = {
  Component: `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: artist-web
  title: Artist Web
  description: The place to be, for great artists
  labels:
    example.com/custom: custom_label_value
  annotations:
    backstage.io/techdocs-ref: dir:.
    github.com/project-slug: example/artist-web
  tags: [java, c++, data:v2]
  links:
    - url: https://admin.example-org.com
      title: Admin Dashboard
      icon: dashboard
      type: admin-dashboard
spec:
  type: website
  lifecycle: production
  owner: artist-relations-team
  system: artist-engagement-portal
  providesApis: [artist-api]
  consumesApis: [search-api]
  dependsOn: [resource:artists-db]
  dependencyOf: [component:checkout]
`,
  API: `
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: artist-api
  description: Retrieve artist details
spec:
  type: openapi
  lifecycle: production
  owner: artist-relations-team
  system: artist-engagement-portal
  definition: |
    openapi: "3.0.0"
    info:
      version: 1.0.0
      title: Artist API
`,
  Resource: `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: artists-db
  description: Stores artist details
spec:
  type: database
  owner: artist-relations-team
  system: artist-engagement-portal
  dependencyOf: [component:artist-web]
`,
  System: `
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: artist-engagement-portal
spec:
  owner: artist-relations-team
  domain: artists
  type: product
`,
  Domain: `
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: artists
spec:
  owner: artist-relations-team
  subdomainOf: music
`,
  Group: `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: infrastructure
  namespace: org
spec:
  type: business-unit
  profile:
    displayName: Infrastructure
    email: infrastructure@example.com
    picture: https://example.com/groups/bu-infrastructure.jpeg
  parent: ops
  children: [backstage, other]
  members: [jdoe]
`,
  User: `
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: jdoe
spec:
  profile:
    displayName: Jenny Doe
    email: jenny-doe@example.com
  memberOf: []
`,
  Location: `
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: org-data
spec:
  type: url
  presence: optional
  targets:
    - ./components/catalog-info.yaml
    - https://github.com/myorg/org-data/blob/main/staff.yaml
`,
  Template: `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: v1beta3-demo
  title: Test Action template
  tags: [recommended, react]
  annotations:
    backstage.io/time-saved: PT4H
spec:
  owner: group:backstage/techdocs-core
  type: service
  parameters:
    - title: Fill in some steps
      required: [name]
      properties:
        name: { title: Name, type: string, "ui:autofocus": true }
    - title: Choose a location
      required: [repoUrl]
      properties:
        repoUrl: { title: Repository Location, type: string, "ui:field": RepoUrlPicker }
  steps:
    - id: fetch-base
      name: Fetch Base
      action: fetch:template
      if: \${{ parameters.name }}
      input:
        url: ./template
        values: { name: "\${{ parameters.name }}" }
    - id: publish
      action: publish:github
      input: { repoUrl: "\${{ parameters.repoUrl }}" }
  output:
    links:
      - { title: Repository, url: "\${{ steps.publish.output.remoteUrl }}" }
      - { title: Open in catalog, icon: catalog, entityRef: "\${{ steps.register.output.entityRef }}" }
    text:
      - { title: More information, content: "**Entity URL**" }
`,
  'Template (backstage.io/v1beta2)': `
apiVersion: backstage.io/v1beta2
kind: Template
metadata:
  name: react-ssr-template
spec:
  owner: web-team
  type: website
  parameters:
    required: [name]
    properties:
      name: { title: Name, type: string }
  steps:
    - id: fetch
      action: fetch:plain
      input: { url: ./template }
  output:
    catalogInfoUrl: "{{ steps.publish.output.catalogInfoUrl }}"
`,
};

describe('built-in kinds', () => {
  it.each(Object.entries(VALID))('accepts a realistic %s', (_kind, yaml) => {
    expect(issues(yaml)).toEqual([]);
  });

  it('accepts backstage.io/v1beta1 for the core kinds', () => {
    expect(issues(VALID.System.replace('backstage.io/v1alpha1', 'backstage.io/v1beta1'))).toEqual([]);
  });

  it.each([
    ['Component', ['type', 'lifecycle', 'owner']],
    ['API', ['type', 'lifecycle', 'owner', 'definition']],
    ['Resource', ['type', 'owner']],
    ['System', ['owner']],
    ['Domain', ['owner']],
    ['Group', ['type', 'children']],
    ['User', ['memberOf']],
    ['Template', ['type', 'steps']],
  ])('%s requires spec fields %j', (kind, fields) => {
    const apiVersion = kind === 'Template' ? 'scaffolder.backstage.io/v1beta3' : 'backstage.io/v1alpha1';
    const yaml = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x }\nspec: { unrelated: 1 }\n`;
    expect(issues(yaml)).toEqual(fields.map((f) => `spec.${f}: is required`));
  });

  it('accepts a Location with an empty spec (type is inherited from the reading location)', () => {
    expect(issues('apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: x }\nspec: {}\n')).toEqual([]);
  });

  it('requires spec for every built-in kind', () => {
    expect(issues('apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: x }\n')).toEqual([
      'spec: is required for kind System',
    ]);
  });

  it('checks the types of spec fields', () => {
    const yaml = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: x }
spec:
  type: service
  lifecycle: ""
  owner: [team-a]
  providesApis: artist-api
  consumesApis: [1]
`;
    expect(issues(yaml)).toEqual([
      'spec.lifecycle: must not be empty',
      'spec.owner: must be a string',
      'spec.providesApis: must be a list',
      'spec.consumesApis.0: must be a string',
    ]);
  });

  it('accepts only the Location presence values Backstage knows', () => {
    const yaml = 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: x }\nspec: { target: ./a.yaml, presence: maybe }\n';
    expect(issues(yaml)).toEqual(['spec.presence: must be one of: "required", "optional"']);
  });

  it('explains Template parameters that are neither a form nor a list of forms', () => {
    const base =
      'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: { name: t }\nspec:\n  type: service\n  steps: [{ action: debug:log }]\n';
    expect(issues(`${base}  parameters: hello\n`)).toEqual(['spec.parameters: must be a mapping (key: value pairs) or a list']);
    expect(issues(`${base}  parameters: [{ title: ok }, 3]\n`)).toEqual(['spec.parameters.1: must be a mapping (key: value pairs)']);
  });

  it('requires an action on every Template step', () => {
    const yaml =
      'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: { name: t }\nspec:\n  type: service\n  steps: [{ id: a, action: x }, { id: b }]\n';
    expect(issues(yaml)).toEqual(['spec.steps.1.action: is required']);
  });
});

describe('apiVersion per kind', () => {
  it('refuses an apiVersion the kind does not accept, naming the accepted ones', () => {
    expect(issues(VALID.Component.replace('backstage.io/v1alpha1', 'backstage.io/v2'))).toEqual([
      'apiVersion: kind Component does not accept apiVersion "backstage.io/v2"; use one of backstage.io/v1alpha1, backstage.io/v1beta1',
    ]);
  });

  it('keeps Template apart from the core apiVersions', () => {
    expect(issues(VALID.Template.replace('scaffolder.backstage.io/v1beta3', 'backstage.io/v1alpha1'))).toEqual([
      'apiVersion: kind Template does not accept apiVersion "backstage.io/v1alpha1"; use one of scaffolder.backstage.io/v1beta3, backstage.io/v1beta2',
    ]);
    expect(issues(VALID.Component.replace('backstage.io/v1alpha1', 'scaffolder.backstage.io/v1beta3'))).toHaveLength(1);
  });
});

describe('kind names', () => {
  it('refuses an unknown kind and says how to register one', () => {
    const yaml = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: {}\n';
    expect(issues(yaml)).toEqual([
      'kind: Unknown kind "Widget"; known kinds are API, Component, Domain, Group, Location, Resource, System, Template, User; register a custom kind schema in config under catalog.customKinds',
    ]);
  });

  // Backstage's kind validators match the kind exactly ("enum": ["Component"]),
  // so a lowercase kind is an unknown kind there too.
  it('is case-sensitive, and points at the right spelling', () => {
    expect(issues(VALID.Component.replace('kind: Component', 'kind: component'))).toEqual([
      'kind: Unknown kind "component"; kinds are case-sensitive: did you mean "Component"?',
    ]);
    expect(registry.has('Component')).toBe(true);
    expect(registry.has('component')).toBe(false);
  });
});

describe('entity refs in relation fields', () => {
  it('requires a kind in dependsOn and dependencyOf, which have no default kind', () => {
    const yaml = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: db }
spec:
  type: database
  owner: team-a
  dependsOn: [resource:backups, backups-bucket]
  dependencyOf: [web]
`;
    expect(issues(yaml)).toEqual([
      'spec.dependsOn.1: "backups-bucket" needs a kind because dependsOn has no default kind; write e.g. component:backups-bucket or resource:backups-bucket',
      'spec.dependencyOf.0: "web" needs a kind because dependencyOf has no default kind; write e.g. component:web or resource:web',
    ]);
  });

  it('refuses refs that cannot be read', () => {
    const yaml = 'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: s }\nspec: { owner: "group:a:b" }\n';
    expect(issues(yaml)).toEqual([
      expect.stringMatching(/^spec\.owner: is not a valid entity reference: Entity reference "group:a:b" is not of the form/),
    ]);
  });
});
