import type { Config } from '../../../../core/config';
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
import { assertPublishAllowed, contentsUrl, integrationFor, parseRemoteUrl, repoCoordinates } from './target';

interface PublishGitInput extends CommitInput {
  repoUrl?: string;
  remoteUrl?: string;
}

/** The remote a `repoUrl` names: `<integrations.git[host].baseUrl>/<owner>/<repo>.git`. */
function remoteFor(config: Config, input: PublishGitInput): URL {
  if (input.remoteUrl) return parseRemoteUrl(input.remoteUrl, 'remoteUrl');
  if (!input.repoUrl) throw new InputError('publish:git needs repoUrl (host?owner=o&repo=r) or remoteUrl');
  const { host, owner, repo } = repoCoordinates(input.repoUrl);
  const base = integrationFor(config.integrations.git, host)?.baseUrl ?? `https://${host}`;
  return parseRemoteUrl(`${base.replace(/\/+$/, '')}/${owner}/${repo}.git`, 'repository URL');
}

/** Pushes the workspace to any git server over http(s); the repository must exist or be created by the push. */
export function createPublishGitAction(services: PublishServices): TemplateAction<PublishGitInput> {
  const { config } = services;
  return {
    id: 'publish:git',
    description: 'Initialises a git repository of the workspace files, commits them and pushes to a git server over http(s).',
    schema: {
      input: {
        type: 'object',
        properties: {
          repoUrl: {
            type: 'string',
            title: 'Repository location',
            description: 'host?owner=o&repo=r, mapped to <integrations.git baseUrl>/<owner>/<repo>.git',
          },
          remoteUrl: { type: 'string', title: 'Remote URL', description: 'An explicit http(s) remote; wins over repoUrl' },
          ...commitInputProperties,
        },
      },
      output: publishOutputSchema,
    },
    examples: [
      {
        description: 'Publish the workspace to the git server configured for git.example.com',
        example:
          'steps:\n  - id: publish\n    action: publish:git\n    input:\n      repoUrl: ${{ parameters.repoUrl }}\n      defaultBranch: main\n',
      },
    ],
    async handler(ctx) {
      const remote = remoteFor(config, ctx.input);
      assertPublishAllowed(config, remote);
      const integration = integrationFor(config.integrations.git, remote.host);
      const credentials =
        integration?.password !== undefined ? { username: integration.username ?? 'git', password: integration.password } : undefined;
      const options = commitOptions(ctx, config);
      ctx.logger.info(`Pushing to ${remote.href} (branch ${options.branch})`);
      const commitHash = await pushDirectory({ ...options, remoteUrl: remote, credentials });
      ctx.logger.info(`Pushed commit ${commitHash}`);
      await publishedOutputs(ctx, services, {
        dir: options.dir,
        remoteUrl: remote,
        repoContentsUrl: contentsUrl(config, remote, options.branch),
        commitHash,
      });
    },
  };
}
