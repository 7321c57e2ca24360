import { parse } from 'yaml';
import type { DryRunFile, JsonObject, ParameterStep } from '../api';

// The editor's working copy of a template: its template.yaml and the files next to it.

export interface EditorFile {
  path: string;
  content: string;
}

export const TEMPLATE_FILE = 'template.yaml';

export const STARTER_FILES: EditorFile[] = [
  {
    path: TEMPLATE_FILE,
    content: `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: my-template
  title: My template
  description: Try a template here before you publish it
spec:
  owner: group:default/platform
  type: service
  parameters:
    - title: About the component
      required: [name]
      properties:
        name:
          title: Name
          type: string
          ui:field: EntityNamePicker
        description:
          title: Description
          type: string
  steps:
    - id: fetch
      name: Render the skeleton
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          description: \${{ parameters.description }}
    - id: log
      name: Say what happened
      action: debug:log
      input:
        message: Rendered \${{ parameters.name }}
  output:
    text:
      - title: Next
        content: Publish this template to make it available to everyone.
`,
  },
  {
    path: 'skeleton/README.md',
    content: '# ${{ values.name }}\n\n${{ values.description }}\n',
  },
];

export interface ParsedTemplate {
  template?: JsonObject;
  steps: ParameterStep[];
  error?: string;
}

/** The template YAML as an object, and its parameters as wizard steps (an object is one step, as in Backstage). */
export function parseTemplate(yaml: string): ParsedTemplate {
  let template: unknown;
  try {
    template = parse(yaml);
  } catch (error) {
    return { steps: [], error: (error as Error).message };
  }
  if (!isObject(template)) return { steps: [], error: 'The YAML must be one object, a Template entity' };
  if (template.kind !== 'Template') return { template, steps: [], error: `kind must be Template, not ${String(template.kind)}` };
  const spec = isObject(template.spec) ? template.spec : {};
  const parameters = Array.isArray(spec.parameters) ? spec.parameters : spec.parameters === undefined ? [] : [spec.parameters];
  const steps = parameters.filter(isObject).map((schema, index) => ({
    title: typeof schema.title === 'string' ? schema.title : `Step ${index + 1}`,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    schema,
  }));
  return { template, steps };
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A file path inside the template's directory: relative, no `..`, no empty segments. */
export function pathProblem(path: string, others: string[]): string | undefined {
  const segments = path.split('/');
  if (!path || path.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    return 'Use a relative path such as skeleton/README.md, without .. or empty parts';
  }
  if (others.includes(path)) return `${path} exists already`;
  return undefined;
}

export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The text of a produced file, or undefined when it is not UTF-8 text (an image, say). */
export function fromBase64(content: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function toDirectoryContents(files: EditorFile[]): DryRunFile[] {
  return files.map((file) => ({ path: file.path, base64Content: toBase64(file.content) }));
}
