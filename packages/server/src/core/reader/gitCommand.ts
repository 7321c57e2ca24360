import { execFile } from 'node:child_process';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
}

/** A failed git run, with what git said and why it stopped. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly timedOut: boolean,
    readonly outputTooLarge: boolean,
  ) {
    super(message);
  }
}

// Variables a parent git (hooks, `git rebase -x`) may export; they would point our commands at its repository.
const inheritedRepoVariables = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
];

function gitEnvironment(localSource: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of inheritedRepoVariables) delete env[name];
  // Never wait for a password on a terminal nobody watches, and allow only
  // http(s) transports so a URL cannot run `ext::` commands or read `file://` paths.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_ALLOW_PROTOCOL = localSource ? 'file' : 'http:https';
  return env;
}

export interface RunGitOptions {
  timeoutMs: number;
  /** Largest stdout accepted; the process is killed beyond it. */
  maxBuffer?: number;
  /** Written to stdin, for `--batch` commands. */
  input?: string;
  /** The command reads a repository on this machine that the server wrote itself (never a URL from outside). */
  localSource?: boolean;
}

/** Runs the git binary directly (no shell, so no argument is ever interpreted). */
export function runGit(args: string[], options: RunGitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        encoding: 'buffer',
        env: gitEnvironment(options.localSource ?? false),
        timeout: options.timeoutMs,
        maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const stderrText = stderr.toString('utf8').trim();
        if (!error) return resolve({ stdout, stderr: stderrText });
        const code = (error as NodeJS.ErrnoException).code;
        reject(
          new GitCommandError(
            `git failed: ${stderrText || error.message}`,
            stderrText,
            Boolean(error.killed) && code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
            code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
          ),
        );
      },
    );
    // git may exit before reading stdin (a failed command); the exit code tells us more than EPIPE would.
    child.stdin?.on('error', () => undefined);
    if (options.input === undefined) child.stdin?.end();
    else child.stdin?.end(options.input);
  });
}
