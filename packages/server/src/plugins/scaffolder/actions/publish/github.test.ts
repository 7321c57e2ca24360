import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../../../core/reader/testing/gitServer';
import { createPublishGithubAction } from './github';
import { startStandIn } from './standIn';
import { actionContext, testConfig } from './testContext';

describe('publish:github against a stand-in of the GitHub REST API', () => {
  let git: GitServer;
  let github: Awaited<ReturnType<typeof startStandIn>>;
  let gitHost: string;

  const repoAnswer = (owner: string, name: string) => ({
    status: 201,
    body: { name, full_name: `${owner}/${name}`, clone_url: `${git.url}/${owner}/${name}.git`, html_url: `${git.url}/${owner}/${name}` },
  });

  beforeAll(async () => {
    git = await startGitServer();
    gitHost = new URL(git.url).host;
    github = await startStandIn({
      'GET /api/v3/users/([^/]+)': (_req, [login]) => ({ body: { login, type: login === 'octo-user' ? 'User' : 'Organization' } }),
      'POST /api/v3/orgs/([^/]+)/repos': (req, [org]) => repoAnswer(org, (req.body as { name: string }).name),
      'POST /api/v3/user/repos': (req) => repoAnswer('octo-user', (req.body as { name: string }).name),
      'PUT /api/v3/repos/([^/]+)/([^/]+)/topics': (req) => ({ body: req.body }),
    });
  });
  afterAll(async () => {
    await github.close();
    await git.close();
  });

  // A GitHub Enterprise host whose API is the stand-in and whose repositories live on the loopback git server.
  const config = () =>
    testConfig({
      scaffolder: { allowedHosts: ['ghe.example.test', gitHost] },
      integrations: { github: [{ host: 'ghe.example.test', token: 'ghp_secret', apiBaseUrl: `${github.url}/api/v3` }] },
    });

  it('creates an organisation repository with visibility, description and topics, then pushes with the token', async () => {
    const { ctx, outputs, log } = await actionContext(
      {
        repoUrl: 'ghe.example.test?owner=acme&repo=orders-api',
        description: 'Orders',
        repoVisibility: 'internal',
        topics: ['Node', 'api'],
      },
      { 'catalog-info.yaml': 'kind: Component\n', 'README.md': '# Orders\n' },
    );
    await createPublishGithubAction({ config: config() }).handler(ctx);

    const create = github.requests.find((r) => r.path === '/api/v3/orgs/acme/repos')!;
    expect(create.authorization).toBe('token ghp_secret');
    expect(create.body).toMatchObject({ name: 'orders-api', description: 'Orders', private: true, visibility: 'internal' });
    expect(github.requests.find((r) => r.path === '/api/v3/repos/acme/orders-api/topics')?.body).toEqual({ names: ['node', 'api'] });

    expect(await git.readFile('acme/orders-api', 'README.md')).toBe('# Orders');
    const basic = `Basic ${Buffer.from('x-access-token:ghp_secret').toString('base64')}`;
    expect(git.requests.some((r) => r.path.startsWith('/acme/orders-api.git') && r.authorization === basic)).toBe(true);
    expect(outputs).toEqual({
      remoteUrl: `${git.url}/acme/orders-api.git`,
      repoContentsUrl: `${git.url}/acme/orders-api/blob/main`,
      commitHash: await git.revParse('acme/orders-api'),
    });
    expect(log.join('\n')).not.toContain('ghp_secret');
  });

  it("creates a user's repository through /user/repos, public when asked", async () => {
    const { ctx } = await actionContext(
      { repoUrl: 'ghe.example.test?owner=octo-user&repo=side-project', repoVisibility: 'public' },
      { 'a.txt': 'a' },
    );
    await createPublishGithubAction({ config: config() }).handler(ctx);
    expect(github.requests.find((r) => r.path === '/api/v3/user/repos')?.body).toMatchObject({ name: 'side-project', private: false });
    expect(await git.readFile('octo-user/side-project', 'a.txt')).toBe('a');
  });

  it('refuses a host without a token, and a host outside the allow-list', async () => {
    const noToken = await actionContext({ repoUrl: 'github.com?owner=acme&repo=x' });
    await expect(createPublishGithubAction({ config: config() }).handler(noToken.ctx)).rejects.toThrow('No GitHub token for github.com');
    const cfg = testConfig({ integrations: { github: [{ host: 'ghe.example.test', token: 't', apiBaseUrl: `${github.url}/api/v3` }] } });
    const before = github.requests.length;
    const blocked = await actionContext({ repoUrl: 'ghe.example.test?owner=acme&repo=x' });
    await expect(createPublishGithubAction({ config: cfg }).handler(blocked.ctx)).rejects.toThrow(
      'Publishing to ghe.example.test is not allowed',
    );
    expect(github.requests.length).toBe(before);
  });

  it('surfaces the API error when GitHub refuses to create the repository', async () => {
    const { ctx } = await actionContext({ repoUrl: 'ghe.example.test?owner=acme&repo=x' });
    const cfg = testConfig({
      scaffolder: { allowedHosts: ['ghe.example.test'] },
      integrations: { github: [{ host: 'ghe.example.test', token: 't', apiBaseUrl: `${github.url}/nowhere` }] },
    });
    await expect(createPublishGithubAction({ config: cfg }).handler(ctx)).rejects.toThrow(/Not Found/);
  });
});
