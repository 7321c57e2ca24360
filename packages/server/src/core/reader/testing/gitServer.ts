import { execFile, spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real git server on 127.0.0.1 for tests: bare repositories served by
 * `git http-backend` (git's own smart-HTTP CGI program), so clone, fetch and
 * push run exactly as against a hosted git service. A push to a repository
 * that does not exist creates it, as a hosting service does after "create repository".
 */
export interface GitServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Every HTTP request served, in order; tests count clones and fetches with it (and check credentials sent). */
  requests: Array<{ method: string; path: string; authorization?: string }>;
  /**
   * Creates `<name>.git` (name may contain slashes: 'org/repo') with one commit of `files`
   * on `branch` (default main); returns the repository URL `<url>/<name>.git`.
   * The repository also answers at `<url>/<name>`, as GitHub's do.
   */
  createRepo(name: string, files: Record<string, string>, opts?: { branch?: string }): Promise<string>;
  /** Creates an empty bare `<name>.git` that accepts a first push; returns its URL. Existing repositories are kept. */
  createEmptyRepo(name: string): Promise<string>;
  /** A file's content (trailing whitespace trimmed) at `ref` (default HEAD) of a repository, pushed or created; undefined when absent. */
  readFile(name: string, file: string, ref?: string): Promise<string | undefined>;
  /** Commit SHA of `ref` (default HEAD), or undefined when the repository or ref does not exist. */
  revParse(name: string, ref?: string): Promise<string | undefined>;
  /** Commits changes (null deletes a file) on the repository's branch and pushes; returns the commit SHA. */
  commit(name: string, files: Record<string, string | null>, message?: string): Promise<string>;
  /** Tags the current commit (lightweight, or annotated when `message` is given) and pushes the tag. */
  tag(name: string, tagName: string, message?: string): Promise<void>;
  close(): Promise<void>;
}

interface RepoState {
  bare: string;
  work: string;
  branch: string;
}

// Isolate test git from the developer's own configuration (signing, hooks, templates).
const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_TERMINAL_PROMPT: '0',
};
delete gitEnv.GIT_DIR;
delete gitEnv.GIT_WORK_TREE;
delete gitEnv.GIT_INDEX_FILE;

const identity = ['-c', 'user.name=Greenroom Test', '-c', 'user.email=test@greenroom.invalid', '-c', 'commit.gpgsign=false'];

function git(args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...identity, ...args], { cwd, env: gitEnv }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout.trim()),
    );
  });
}

async function writeFiles(work: string, files: Record<string, string | null>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(work, file);
    if (content === null) {
      await rm(target, { force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Splits a CGI response's header block from its body; CGI allows LF or CRLF line ends. */
function splitHeaders(buffer: Buffer): { head: string; body: Buffer } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return undefined;
  const [at, length] = crlf !== -1 && (lf === -1 || crlf < lf) ? [crlf, 4] : [lf, 2];
  return { head: buffer.subarray(0, at).toString('latin1'), body: buffer.subarray(at + length) };
}

function serveWithHttpBackend(projectRoot: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const child = spawn('git', ['http-backend'], {
    env: {
      ...gitEnv,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      REQUEST_METHOD: req.method ?? 'GET',
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: header('content-type'),
      CONTENT_LENGTH: header('content-length'),
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      // Protocol v2 is negotiated through this header; gzip bodies through the other.
      GIT_PROTOCOL: header('git-protocol'),
      HTTP_GIT_PROTOCOL: header('git-protocol'),
      HTTP_CONTENT_ENCODING: header('content-encoding'),
      // http-backend refuses pushes from unauthenticated callers unless http.receivepack is set.
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.receivepack',
      GIT_CONFIG_VALUE_0: 'true',
    },
  });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined); // the backend may exit before reading everything
  child.stderr.resume();

  let pending: Buffer = Buffer.alloc(0);
  let headersSent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    pending = Buffer.concat([pending, chunk]);
    const split = splitHeaders(pending);
    if (!split) return;
    headersSent = true;
    let status = 200;
    for (const line of split.head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    if (split.body.length > 0) res.write(split.body);
  });
  child.on('close', (code) => {
    if (!headersSent) {
      res.writeHead(code === 0 ? 204 : 500);
    }
    res.end();
  });
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
}

const repoNamePattern = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** The repository a push's first request (`/<name>[.git]/info/refs?service=git-receive-pack`) names, if valid. */
function pushTarget(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.searchParams.get('service') !== 'git-receive-pack') return undefined;
  const match = /^\/(.+?)(?:\.git)?\/info\/refs$/.exec(decodeURIComponent(url.pathname));
  const name = match?.[1];
  if (!name || !repoNamePattern.test(name) || name.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return name;
}

export interface GitServerOptions {
  /** Port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Keep the bare repositories here, across restarts (the demo's git host); a temp dir removed on close when absent. */
  reposDir?: string;
}

export async function startGitServer(options: GitServerOptions = {}): Promise<GitServer> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'greenroom-git-server-'));
  const projectRoot = options.reposDir ?? path.join(root, 'repos');
  await mkdir(projectRoot, { recursive: true });
  const repos = new Map<string, RepoState>();
  const requests: GitServer['requests'] = [];

  // Serialised so two concurrent first pushes to one name do not both run `git init`.
  let creating: Promise<unknown> = Promise.resolve();
  const ensureBareRepo = (name: string): Promise<string> => {
    const run = creating.then(async () => {
      const bare = path.join(projectRoot, `${name}.git`);
      if (!(await exists(bare))) {
        await mkdir(path.dirname(bare), { recursive: true });
        await git(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
        // Like GitHub, answer with and without the `.git` suffix.
        await symlink(bare, path.join(projectRoot, name));
      }
      return bare;
    });
    creating = run.catch(() => undefined);
    return run;
  };

  const server = http.createServer((req, res) => {
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', ...(authorization ? { authorization } : {}) });
    const newRepo = pushTarget(req);
    if (!newRepo) return serveWithHttpBackend(projectRoot, req, res);
    ensureBareRepo(newRepo).then(
      () => serveWithHttpBackend(projectRoot, req, res),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const repo = (name: string): RepoState => {
    const state = repos.get(name);
    if (!state) throw new Error(`No test repository "${name}"; call createRepo first`);
    return state;
  };

  const commitAndPush = async (state: RepoState, message: string): Promise<string> => {
    await git(['add', '--all'], state.work);
    await git(['commit', '--quiet', '--allow-empty', '-m', message], state.work);
    await git(['push', '--quiet', state.bare, `HEAD:refs/heads/${state.branch}`], state.work);
    return git(['rev-parse', 'HEAD'], state.work);
  };

  return {
    url,
    requests,
    async createRepo(name, files, opts = {}) {
      const branch = opts.branch ?? 'main';
      const bare = path.join(projectRoot, `${name}.git`);
      const work = path.join(root, 'work', name);
      await mkdir(path.dirname(bare), { recursive: true });
      await mkdir(work, { recursive: true });
      await git(['init', '--quiet', '--bare', `--initial-branch=${branch}`, bare]);
      // Like GitHub, answer with and without the `.git` suffix (`/org/repo/blob/...` URLs clone `/org/repo`).
      await symlink(bare, path.join(projectRoot, name));
      await git(['init', '--quiet', `--initial-branch=${branch}`, work]);
      const state = { bare, work, branch };
      repos.set(name, state);
      await writeFiles(work, files);
      await commitAndPush(state, 'Initial commit');
      return `${url}/${name}.git`;
    },
    createEmptyRepo: async (name) => {
      await ensureBareRepo(name);
      return `${url}/${name}.git`;
    },
    async readFile(name, file, ref = 'HEAD') {
      try {
        return await git(['--git-dir', path.join(projectRoot, `${name}.git`), 'show', `${ref}:${file}`]);
      } catch {
        return undefined;
      }
    },
    async revParse(name, ref = 'HEAD') {
      try {
        return await git(['--git-dir', path.join(projectRoot, `${name}.git`), 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
      } catch {
        return undefined;
      }
    },
    async commit(name, files, message = 'Update files') {
      const state = repo(name);
      await writeFiles(state.work, files);
      return commitAndPush(state, message);
    },
    async tag(name, tagName, message) {
      const state = repo(name);
      await git(['tag', ...(message ? ['-a', '-m', message] : []), tagName], state.work);
      await git(['push', '--quiet', state.bare, `refs/tags/${tagName}`], state.work);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
