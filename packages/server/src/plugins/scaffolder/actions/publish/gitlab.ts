import { Gitlab } from '@gitbeaker/rest';
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

interface PublishGitlabInput extends CommitInput {
  repoUrl: string;
  description?: string;
  repoVisibility?: 'private' | 'internal' | 'public';
  topics?: string[];
  token?: string;
}

/** Creates a GitLab project in a group or user namespace (subgroups included), then pushes the workspace. */
export function createPublishGitlabAction(services: PublishServices): TemplateAction<PublishGitlabInput> {
  const { config } = services;
  return {
    id: 'publish:gitlab',
    description: 'Creates a GitLab project in a namespace and pushes the workspace files to it.',
    schema: {
      input: {
        type: 'object',
        required: ['repoUrl'],
        properties: {
          repoUrl: { type: 'string', title: 'Repository location', description: 'gitlab.com?owner=group/subgroup&repo=r' },
          description: { type: 'string', title: 'Project description' },
          repoVisibility: { type: 'string', enum: ['private', 'internal', 'public'], title: 'Visibility (default private)' },
          topics: { type: 'array', items: { type: 'string' }, title: 'Topics' },
          token: { type: 'string', title: 'Token used instead of integrations.gitlab[].token' },
          ...commitInputProperties,
        },
      },
      output: publishOutputSchema,
    },
    examples: [
      {
        description: 'Create a private project in a group and push',
        example:
          'steps:\n  - id: publish\n    action: publish:gitlab\n    input:\n      repoUrl: ${{ parameters.repoUrl }}\n      repoVisibility: private\n',
      },
    ],
    async handler(ctx) {
      const { host, owner, repo } = repoCoordinates(ctx.input.repoUrl);
      const integration = integrationFor(config.integrations.gitlab, host);
      const token = ctx.input.token ?? integration?.token;
      if (!token) throw new InputError(`No GitLab token for ${host}: configure integrations.gitlab with host "${host}" and a token`);
      assertPublishAllowed(config, new URL(`https://${host}`));

      const api = new Gitlab({ host: (integration?.apiBaseUrl ?? `https://${host}`).replace(/\/+$/, ''), token });
      const namespace = await api.Namespaces.show(owner);
      const project = await api.Projects.create({
        name: repo,
        path: repo,
        namespaceId: namespace.id,
        description: ctx.input.description,
        visibility: ctx.input.repoVisibility ?? 'private',
        ...(ctx.input.topics?.length ? { topics: ctx.input.topics } : {}),
      });
      ctx.logger.info(`Created project ${project.web_url}`);

      const remote = parseRemoteUrl(project.http_url_to_repo, 'http_url_to_repo');
      assertPublishAllowed(config, remote);
      const options = commitOptions(ctx, config);
      const commitHash = await pushDirectory({ ...options, remoteUrl: remote, credentials: { username: 'oauth2', password: token } });
      ctx.logger.info(`Pushed commit ${commitHash} to ${options.branch}`);
      await publishedOutputs(ctx, services, {
        dir: options.dir,
        remoteUrl: remote,
        repoContentsUrl: `${project.web_url.replace(/\/+$/, '')}/-/blob/${options.branch}`,
        commitHash,
      });
    },
  };
}
