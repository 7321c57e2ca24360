import type { Entity } from '@greenroom/model';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithApp } from '../../testing/renderWithApp';
import ApiDefinitionTab from './ApiDefinitionTab';
import { definitionLanguage, highlightDefinition } from './highlight';

// Under Vitest, swagger-ui-react resolves to its all-in-one bundle, which carries its own older React and
// cannot render here. The stand-in shows what it was given; its sanitising is checked in a real browser.
vi.mock('./SwaggerDefinition', () => ({
  default: ({ definition }: { definition: string }) => (
    <section aria-label="OpenAPI reference" data-definition={definition}>
      swagger-ui
    </section>
  ),
}));

const api = (type: string, definition: unknown): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api' },
  spec: { type, lifecycle: 'production', owner: 'team-payments', definition },
});

const HOSTILE = '<script>window.hacked = true</script><img src=x onerror="window.hacked = true">';

const openApi = `openapi: 3.0.3
info:
  title: Orders
  version: 1.0.0
  description: "Hello ${HOSTILE.replaceAll('"', '\\"')} [click](javascript:window.hacked=true)"
paths:
  /orders:
    get:
      summary: List orders
      description: "<a href=\\"javascript:window.hacked=true\\">sneaky</a>"
      responses:
        '200':
          description: OK
`;

/** Nothing hostile made it into the DOM as markup. */
function expectInert(container: HTMLElement) {
  expect(container.querySelector('script, img, iframe')).toBeNull();
  expect(container.querySelector('[onerror]')).toBeNull();
  for (const link of container.querySelectorAll('a')) expect(link.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
  expect((window as { hacked?: boolean }).hacked).toBeUndefined();
}

describe('ApiDefinitionTab', () => {
  it('shows a GraphQL or gRPC definition as highlighted source, markup in it as text', () => {
    mockApi({});
    const graphql = `type Query {\n  "${HOSTILE}"\n  orders: [Order!]!\n}`;
    const { container, unmount } = renderWithApp(<ApiDefinitionTab entity={api('graphql', graphql)} />);
    const source = screen.getByLabelText('Definition (graphql)');
    expect(source.textContent).toBe(graphql);
    expect(source.querySelector('.hljs-keyword')).toHaveTextContent('type');
    expectInert(container);
    unmount();

    const proto = `syntax = "proto3";\n// ${HOSTILE}\nservice Shipping { rpc Quote(Req) returns (Res); }`;
    renderWithApp(<ApiDefinitionTab entity={api('grpc', proto)} />);
    expect(screen.getByLabelText('Definition (protobuf)').textContent).toBe(proto);
    expectInert(document.body);
  });

  it('shows an AsyncAPI or unknown definition as YAML or JSON source by its look', () => {
    mockApi({});
    const { unmount } = renderWithApp(<ApiDefinitionTab entity={api('asyncapi', `asyncapi: 2.6.0\ninfo:\n  title: "${HOSTILE}"`)} />);
    expect(screen.getByLabelText('Definition (yaml)')).toHaveTextContent(`title: "${HOSTILE}"`);
    expectInert(document.body);
    unmount();

    renderWithApp(<ApiDefinitionTab entity={api('trpc', `{ "title": "${HOSTILE.replaceAll('"', "'")}" }`)} />);
    expect(screen.getByLabelText('Definition (json)')).toHaveTextContent('<script>');
    expectInert(document.body);
  });

  it('shows an OpenAPI definition in the interactive reference, and as highlighted source on request', async () => {
    mockApi({});
    renderWithApp(<ApiDefinitionTab entity={api('openapi', openApi)} />);
    const reference = await screen.findByRole('region', { name: 'OpenAPI reference' });
    expect(reference).toHaveAttribute('data-definition', openApi);
    expect(screen.queryByLabelText(/^Definition \(/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Source' }));
    expect(screen.getByLabelText('Definition (yaml)').textContent).toBe(openApi);
    expect(screen.queryByRole('region', { name: 'OpenAPI reference' })).toBeNull();
    expectInert(document.body);
  });

  it('says so when there is no definition', () => {
    mockApi({});
    renderWithApp(<ApiDefinitionTab entity={api('openapi', undefined)} />);
    expect(screen.getByText('This API has no definition')).toBeInTheDocument();
  });
});

describe('highlightDefinition', () => {
  it('escapes everything in the source; the only tags are its own spans', () => {
    const html = highlightDefinition(`key: "${HOSTILE}"\n# </code></pre><script>x</script>`, 'yaml');
    expect(html).not.toMatch(/<(?!\/?span[ >])/);
    expect(html).toContain('&lt;script&gt;');
    const holder = document.createElement('div');
    holder.innerHTML = html;
    expect(holder.textContent).toBe(`key: "${HOSTILE}"\n# </code></pre><script>x</script>`);
  });

  it('picks the language from the API type, else from how the text looks', () => {
    expect(definitionLanguage('graphql', 'type Query {}')).toBe('graphql');
    expect(definitionLanguage('grpc', 'syntax = "proto3";')).toBe('protobuf');
    expect(definitionLanguage('asyncapi', 'asyncapi: 2.6.0')).toBe('yaml');
    expect(definitionLanguage('openapi', '{"openapi": "3.0.0"}')).toBe('json');
  });
});
