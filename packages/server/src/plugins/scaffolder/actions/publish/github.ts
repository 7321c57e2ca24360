import { Octokit } from '@octokit/rest';
import { InputError } from '../../../../core/errors';
import type { TemplateAction } from '../../extensions';
import {
  commitInputProperties,
  commitOptions,
  publishedOutputs,
  publishOutputSchema,
  type CommitInput,
  type PublishServices,
} from './common';
import { pushDirectory } from './gitPush';
import { assertPublishAllowed, integrationFor, parseRemoteUrl, repoCoordinates } from './target';

interface PublishGithubInput extends CommitInput {
  repoUrl: string;
  description?: string;
  repoVisibility?: 'private' | 'internal' | 'public';
  topics?: string[];
  /** A token given by the user (e.g. from a secret), used instead of the configured one. */
  token?: string;
}

/** The REST root: api.github.com for github.com, `/api/v3` on the host for GitHub Enterprise. */
function apiBaseUrl(host: string, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
}

/** Creates a repository on GitHub (or GitHub Enterprise) under an organisation or the token's user, then pushes the workspace. */
export function createPublishGithubAction(services: PublishServices): TemplateAction<PublishGithubInput> {
  const { config } = services;
  return {
    id: 'publish:github',
    description: 'Creates a GitHub repository (organisation or user) and pushes the workspace files to it.',
    schema: {
      input: {
        type: 'object',
        required: ['repoUrl'],
        properties: {
          repoUrl: { type: 'string', title: 'Repository location', description: 'github.com?owner=o&repo=r' },
          description: { type: 'string', title: 'Repository description' },
          repoVisibility: { type: 'string', enum: ['private', 'internal', 'public'], title: 'Visibility (default private)' },
          topics: { type: 'array', items: { type: 'string' }, title: 'Topics' },
          token: { type: 'string', title: 'Token used instead of integrations.github[].token' },
          ...commitInputProperties,
        },
      },
      output: publishOutputSchema,
    },
    examples: [
      {
        description: 'Create a private repository and push',
        example:
          'steps:\n  - id: publish\n    action: publish:github\n    input:\n      repoUrl: ${{ parameters.repoUrl }}\n      description: ${{ parameters.description }}\n      repoVisibility: private\n',
      },
    ],
    async handler(ctx) {
      const { host, owner, repo } = repoCoordinates(ctx.input.repoUrl);
      const integration = integrationFor(config.integrations.github, host);
      const token = ctx.input.token ?? integration?.token;
      if (!token) throw new InputError(`No GitHub token for ${host}: configure integrations.github with host "${host}" and a token`);
      const baseUrl = apiBaseUrl(host, integration?.apiBaseUrl);
      assertPublishAllowed(config, new URL(`https://${host}`));

      const octokit = new Octokit({
        auth: token,
        baseUrl,
        request: { signal: ctx.signal },
        log: { debug() {}, info() {}, warn() {}, error() {} },
      });
      const { data: account } = await octokit.rest.users.getByUsername({ username: owner });
      const visibility = ctx.input.repoVisibility ?? 'private';
      const common = { name: repo, description: ctx.input.description, private: visibility !== 'public' };
      // The SDK's types omit `internal`, which GitHub Enterprise organisations accept.
      const { data: created } =
        account.type === 'Organization'
          ? await octokit.rest.repos.createInOrg({ ...common, org: owner, visibility: visibility as 'public' | 'private' })
          : await octokit.rest.repos.createForAuthenticatedUser(common);
      ctx.logger.info(`Created repository ${created.html_url}`);
      if (ctx.input.topics?.length) {
        await octokit.rest.repos.replaceAllTopics({ owner, repo, names: ctx.input.topics.map((t) => t.toLowerCase()) });
      }

      // The push goes where GitHub says the repository lives, which must be an allowed host too.
      const remote = parseRemoteUrl(created.clone_url, 'clone_url');
      assertPublishAllowed(config, remote);
      const options = commitOptions(ctx, config);
      const commitHash = await pushDirectory({
        ...options,
        remoteUrl: remote,
        credentials: { username: 'x-access-token', password: token },
      });
      ctx.logger.info(`Pushed commit ${commitHash} to ${options.branch}`);
      await publishedOutputs(ctx, services, {
        dir: options.dir,
        remoteUrl: remote,
        repoContentsUrl: `${created.html_url.replace(/\/+$/, '')}/blob/${options.branch}`,
        commitHash,
      });
    },
  };
}
