import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startGitServer } from '../../packages/server/src/core/reader/testing/gitServer';
import { cpuTime, type CpuTime } from './cpuTime';

/**
 * The loopback git server (`git http-backend` behind node:http) in a process of its own, as a
 * hosted git service is never inside the portal's process. In the portal's process it would
 * share the event loop, and fork its CGI programs from the portal's large heap, which costs
 * tens of milliseconds a fork and would be counted against the tasks.
 */
export interface GitServerProcess {
  url: string;
  readFile(name: string, file: string): Promise<string | undefined>;
  /** CPU the server process and its git programs used so far. */
  cpuTime(): Promise<CpuTime>;
  close(): Promise<void>;
}

type Request = { id: number } & ({ name: string; file: string } | { cpu: true });
type Reply = { url: string } | { id: number; content?: string; cpu?: CpuTime };

export async function startGitServerProcess(): Promise<GitServerProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] });
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the git server process exited (${code})`)));
    child.on('message', (message: Reply) => {
      if ('url' in message) resolve(message.url);
      else pending.get(message.id)?.(message);
    });
  });
  const ask = (request: Omit<Request, 'id'>) =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ id, ...request });
    });
  return {
    url,
    readFile: async (name, file) => ((await ask({ name, file })) as { content?: string }).content,
    cpuTime: async () => ((await ask({ cpu: true })) as { cpu: CpuTime }).cpu,
    close: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv.includes('--serve') && process.send) {
  const git = await startGitServer();
  process.on('message', async (request: Request) => {
    const reply: Reply =
      'cpu' in request ? { id: request.id, cpu: cpuTime() } : { id: request.id, content: await git.readFile(request.name, request.file) };
    process.send!(reply);
  });
  process.on('SIGTERM', () => void git.close().finally(() => process.exit(0)));
  process.send({ url: git.url } satisfies Reply);
}
