import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../../../core/reader/testing/gitServer';
import { createPublishGitlabAction } from './gitlab';
import { startStandIn } from './standIn';
import { actionContext, testConfig } from './testContext';

describe('publish:gitlab against a stand-in of the GitLab REST API', () => {
  let git: GitServer;
  let gitlab: Awaited<ReturnType<typeof startStandIn>>;
  let gitHost: string;
  const namespaces: Record<string, { id: number; full_path: string }> = {
    platform: { id: 7, full_path: 'platform' },
    'platform/payments': { id: 8, full_path: 'platform/payments' },
  };

  beforeAll(async () => {
    git = await startGitServer();
    gitHost = new URL(git.url).host;
    gitlab = await startStandIn({
      'GET /api/v4/namespaces/([^/]+)': (_req, [id]) =>
        namespaces[id] ? { body: namespaces[id] } : { status: 404, body: { message: '404 Namespace Not Found' } },
      'POST /api/v4/projects': (req) => {
        const body = req.body as { path: string; namespace_id: number };
        const ns = Object.values(namespaces).find((n) => n.id === body.namespace_id)!;
        return {
          status: 201,
          body: {
            id: 99,
            web_url: `${git.url}/${ns.full_path}/${body.path}`,
            http_url_to_repo: `${git.url}/${ns.full_path}/${body.path}.git`,
          },
        };
      },
    });
  });
  afterAll(async () => {
    await gitlab.close();
    await git.close();
  });

  const config = () =>
    testConfig({
      scaffolder: { allowedHosts: ['gitlab.example.test', gitHost] },
      integrations: { gitlab: [{ host: 'gitlab.example.test', token: 'glpat-secret', apiBaseUrl: gitlab.url }] },
    });

  it('creates a project in a subgroup namespace and pushes with the token', async () => {
    const { ctx, outputs, log } = await actionContext(
      {
        repoUrl: 'gitlab.example.test?owner=platform/payments&repo=ledger',
        description: 'Ledger',
        repoVisibility: 'internal',
        topics: ['java'],
      },
      { 'catalog-info.yaml': 'kind: Component\n' },
    );
    await createPublishGitlabAction({ config: config() }).handler(ctx);

    expect(gitlab.requests[0]).toMatchObject({ method: 'GET', path: '/api/v4/namespaces/platform%2Fpayments' });
    const create = gitlab.requests.find((r) => r.method === 'POST')!;
    expect(create.body).toMatchObject({
      name: 'ledger',
      path: 'ledger',
      namespace_id: 8,
      visibility: 'internal',
      description: 'Ledger',
      topics: ['java'],
    });
    expect(await git.readFile('platform/payments/ledger', 'catalog-info.yaml')).toBe('kind: Component');
    const basic = `Basic ${Buffer.from('oauth2:glpat-secret').toString('base64')}`;
    expect(git.requests.some((r) => r.path.startsWith('/platform/payments/ledger.git') && r.authorization === basic)).toBe(true);
    expect(outputs).toMatchObject({
      remoteUrl: `${git.url}/platform/payments/ledger.git`,
      repoContentsUrl: `${git.url}/platform/payments/ledger/-/blob/main`,
    });
    expect(log.join('\n')).not.toContain('glpat-secret');
  });

  it("fails with GitLab's message for an unknown namespace, creating nothing", async () => {
    const { ctx } = await actionContext({ repoUrl: 'gitlab.example.test?owner=nobody&repo=x' });
    await expect(createPublishGitlabAction({ config: config() }).handler(ctx)).rejects.toThrow(/Not Found/);
    expect(gitlab.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('refuses a push target the API names on a host outside the allow-list', async () => {
    const cfg = testConfig({
      scaffolder: { allowedHosts: ['gitlab.example.test'] },
      integrations: { gitlab: [{ host: 'gitlab.example.test', token: 't', apiBaseUrl: gitlab.url }] },
    });
    const { ctx } = await actionContext({ repoUrl: 'gitlab.example.test?owner=platform&repo=y' });
    await expect(createPublishGitlabAction({ config: cfg }).handler(ctx)).rejects.toThrow(`Publishing to ${gitHost} is not allowed`);
  });
});
