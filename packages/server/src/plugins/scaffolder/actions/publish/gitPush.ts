import { spawn } from 'node:child_process';
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

const validBranch = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<![./])$/;

export function checkBranchName(branch: string): void {
  if (!validBranch.test(branch) || branch.endsWith('.lock')) throw new InputError(`"${branch}" is not a valid branch name`);
}

// Marks the line naming the command that failed, on the script's stderr.
const FAILED_STEP = 'greenroom-push-failed:';

/**
 * init, add, commit, push and rev-parse in one shell. Forking the server's process costs tens of
 * milliseconds per fork with a large heap (the page tables are copied, and torn down again at
 * exec), where the shell's own forks are cheap: one fork of ours instead of five. Values reach
 * git as positional parameters ("$1"…), so the shell never parses them.
 * `core.bigFileThreshold=1` for the add only: git then streams every blob into one pack instead
 * of a loose object (file, fan-out directory) each, half the system time of add and push; the
 * repository and what is pushed are the same.
 */
const PUSH_SCRIPT = `
fail() { printf '\\n${FAILED_STEP}%s\\n' "$1" >&2; exit 1; }
git init --quiet --initial-branch="$1" || fail init
git -c core.bigFileThreshold=1 add --all || fail add
git -c user.name="$2" -c user.email="$3" -c commit.gpgsign=false commit --quiet --allow-empty --no-verify -m "$4" || fail commit
git push --quiet -- "$5" "HEAD:refs/heads/$1" || fail push
git rev-parse HEAD || fail rev-parse
`;

/**
 * Makes `dir` a repository with one commit of all its files on `branch` and pushes it to the
 * remote, which must not already have other history on that branch (no force push).
 * Answers the commit SHA.
 */
export function pushDirectory(options: PushOptions): Promise<string> {
  checkBranchName(options.branch);
  if (options.signal?.aborted) return Promise.reject(new Error('git was stopped: the task was cancelled'));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const args = [options.branch, options.author.name, options.author.email, options.message, options.remoteUrl.href];
  return new Promise((resolve, reject) => {
    // Its own process group, so stopping it stops the git it is running too.
    const child = spawn('sh', ['-c', PUSH_SCRIPT, 'greenroom-push', ...args], {
      cwd: options.dir,
      env: pushEnvironment(options.credentials),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stopped: 'cancelled' | 'timeout' | undefined;
    const stop = (why: 'cancelled' | 'timeout') => {
      stopped ??= why;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => finish(error));
    child.on('close', (code) => finish(code === 0 ? undefined : new Error(`exit code ${code}`)));

    let finished = false;
    function finish(error: Error | undefined) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (stopped === 'cancelled') return reject(new Error('git was stopped: the task was cancelled'));
      const said = Buffer.concat(stderr).toString('utf8');
      const marker = said.lastIndexOf(FAILED_STEP);
      const step = marker === -1 ? 'push' : said.slice(marker + FAILED_STEP.length).trim();
      if (stopped === 'timeout') return reject(new Error(`git ${step} failed: timed out after ${timeoutMs} ms`));
      if (error) return reject(new Error(`git ${step} failed: ${(marker === -1 ? said : said.slice(0, marker)).trim() || error.message}`));
      resolve(Buffer.concat(stdout).toString('utf8').trim());
    }
  });
}
