import { execFile } from 'node:child_process';
import os from 'node:os';
import { InputError } from '../../../../core/errors';

export interface PushOptions {
  /** Directory whose files become the repository's first commit. */
  dir: string;
  remoteUrl: URL;
  branch: string;
  author: { name: string; email: string };
  message: string;
  /** Sent as HTTP Basic credentials on every request of the push; never on the command line nor in logs. */
  credentials?: { username: string; password: string };
  signal?: AbortSignal;
  timeoutMs?: number;
}

// Variables a parent git (hooks) may export; they would point our commands at another repository.
const inheritedRepoVariables = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
];

function pushEnvironment(credentials: PushOptions['credentials']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of inheritedRepoVariables) delete env[name];
  Object.assign(env, {
    // The server's own git configuration (hooks, signing, credential helpers) must not shape the commit or push.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: 'http:https',
  });
  if (credentials) {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    // Configuration through the environment keeps the secret out of `ps` and out of .git/config.
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    });
  }
  return env;
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv, options: PushOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env, timeout: options.timeoutMs ?? 120_000, signal: options.signal, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout.trim());
        if (options.signal?.aborted) return reject(new Error('git was stopped: the task was cancelled'));
        reject(new Error(`git ${args[0]} failed: ${stderr.trim() || error.message}`));
      },
    );
  });
}

const validBranch = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<![./])$/;

export function checkBranchName(branch: string): void {
  if (!validBranch.test(branch) || branch.endsWith('.lock')) throw new InputError(`"${branch}" is not a valid branch name`);
}

/**
 * Makes `dir` a repository with one commit of all its files on `branch` and pushes it to the
 * remote, which must not already have other history on that branch (no force push).
 * Answers the commit SHA.
 */
export async function pushDirectory(options: PushOptions): Promise<string> {
  checkBranchName(options.branch);
  const env = pushEnvironment(options.credentials);
  const { dir } = options;
  await git(['init', '--quiet', `--initial-branch=${options.branch}`], dir, env, options);
  await git(['add', '--all'], dir, env, options);
  await git(
    [
      '-c',
      `user.name=${options.author.name}`,
      '-c',
      `user.email=${options.author.email}`,
      '-c',
      'commit.gpgsign=false',
      'commit',
      '--quiet',
      '--allow-empty',
      '--no-verify',
      '-m',
      options.message,
    ],
    dir,
    env,
    options,
  );
  await git(['push', '--quiet', '--', options.remoteUrl.href, `HEAD:refs/heads/${options.branch}`], dir, env, options);
  return git(['rev-parse', 'HEAD'], dir, env, options);
}
