import type { Config } from '../../../../core/config';
import type { UrlReader } from '../../../../core/reader';
import type { ActionContext, JsonSchema } from '../../extensions';

/** Inputs every publish action shares (Backstage's names). */
export interface CommitInput {
  defaultBranch?: string;
  sourcePath?: string;
  gitCommitMessage?: string;
  gitAuthorName?: string;
  gitAuthorEmail?: string;
}

export const commitInputProperties: Record<string, JsonSchema> = {
  defaultBranch: { type: 'string', title: 'Default branch', description: 'Branch the files are pushed to (default main)' },
  sourcePath: { type: 'string', title: 'Source path', description: 'Workspace directory to publish (default: the whole workspace)' },
  gitCommitMessage: { type: 'string', title: 'Commit message', description: 'Default: scaffolder.defaultCommitMessage' },
  gitAuthorName: { type: 'string', title: 'Commit author name', description: 'Default: scaffolder.gitAuthor.name' },
  gitAuthorEmail: { type: 'string', title: 'Commit author email', description: 'Default: scaffolder.gitAuthor.email' },
};

export const publishOutputSchema: JsonSchema = {
  type: 'object',
  properties: {
    remoteUrl: { type: 'string', title: 'URL the repository is cloned from' },
    repoContentsUrl: { type: 'string', title: 'URL of the pushed files, for catalog:register with catalogInfoPath' },
    commitHash: { type: 'string', title: 'SHA of the pushed commit' },
  },
};

/** What pushDirectory needs besides the remote, from the input and the scaffolder config. */
export function commitOptions(ctx: ActionContext<CommitInput>, config: Config) {
  return {
    dir: ctx.input.sourcePath ? ctx.resolveInWorkspace(ctx.input.sourcePath) : ctx.workspacePath,
    branch: ctx.input.defaultBranch ?? 'main',
    author: {
      name: ctx.input.gitAuthorName ?? config.scaffolder.gitAuthor.name,
      email: ctx.input.gitAuthorEmail ?? config.scaffolder.gitAuthor.email,
    },
    message: ctx.input.gitCommitMessage ?? config.scaffolder.defaultCommitMessage,
    signal: ctx.signal,
  };
}

/** What every publish action needs from the server. */
export interface PublishServices {
  config: Config;
  /** Given what was pushed, so that catalog:register right after reads it without a clone. */
  reader?: UrlReader;
}

/**
 * Outputs where the pushed files are, and hands the reader the local repository that was pushed:
 * catalog:register usually reads it next. Priming is an optimisation; when it fails, the reader clones.
 */
export async function publishedOutputs(
  ctx: ActionContext<CommitInput>,
  services: PublishServices,
  pushed: { dir: string; remoteUrl: URL; repoContentsUrl: string; commitHash: string },
): Promise<void> {
  ctx.output('remoteUrl', pushed.remoteUrl.href);
  ctx.output('repoContentsUrl', pushed.repoContentsUrl);
  ctx.output('commitHash', pushed.commitHash);
  await services.reader?.primeGitCache?.(pushed.repoContentsUrl, pushed.dir).catch((error: Error) => {
    ctx.logger.warn(`The catalog will clone ${pushed.repoContentsUrl} to read it (${error.message})`);
  });
}
