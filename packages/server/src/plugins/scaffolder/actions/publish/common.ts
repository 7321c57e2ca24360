import type { Config } from '../../../../core/config';
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
