import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'yaml';

// The real server, started the way a user starts it (`greenroom serve`), so
// the figures include its config loading, migrations and plugin start-up.

export interface ServerConfigInput {
  port: number;
  databaseUrl: string;
  /** File-location target holding the generated org. */
  locationTarget: string;
  repoRoot: string;
}

export async function writeServerConfig(dir: string, input: ServerConfigInput): Promise<string> {
  const baseUrl = `http://127.0.0.1:${input.port}`;
  const config = {
    server: { port: input.port, host: '127.0.0.1', baseUrl },
    database: { url: input.databaseUrl },
    catalog: {
      rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
      locations: [{ type: 'file', target: input.locationTarget }],
      // An hour: no periodic refresh may land inside the measurements.
      refresh: { intervalSeconds: 3600 },
    },
    reading: { fileRoots: [input.repoRoot] },
  };
  const file = path.join(dir, 'greenroom.yaml');
  await writeFile(file, `# Written by bench/src/catalog.ts\n${stringify(config)}`);
  return file;
}

/** Asks the OS for a free port; the tiny race until the server binds it is acceptable for a benchmark. */
export async function findFreePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
}

export interface StartServerInput {
  cliPath: string;
  configPath: string;
  logPath: string;
  cwd: string;
}

export class ServerExitedError extends Error {
  override readonly name = 'ServerExitedError';
}

export class ServerProcess {
  readonly pid: number;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly logPath: string,
  ) {
    if (child.pid === undefined) throw new Error('The server process did not start');
    this.pid = child.pid;
    this.exited = once(child, 'exit').then(([code, signal]) => {
      this.exit = { code: code as number | null, signal: signal as NodeJS.Signals | null };
    });
    // Last resort: never leave a server behind, even if the benchmark dies
    // without reaching its cleanup.
    process.once('exit', () => {
      if (!this.exit) child.kill('SIGKILL');
    });
  }

  static start(input: StartServerInput): ServerProcess {
    const log = openSync(input.logPath, 'a');
    try {
      const child = spawn(process.execPath, [input.cliPath, 'serve', '--config', input.configPath], {
        cwd: input.cwd,
        stdio: ['ignore', log, log],
        env: process.env,
      });
      return new ServerProcess(child, input.logPath);
    } finally {
      // The child holds its own copy of the descriptor.
      closeSync(log);
    }
  }

  /** Throws if the server is gone, so waits fail at once instead of at their timeout. */
  assertRunning(): void {
    if (this.exit) {
      const how = this.exit.signal ? `signal ${this.exit.signal}` : `code ${this.exit.code}`;
      throw new ServerExitedError(`The server exited with ${how}; see its log: ${this.logPath}`);
    }
  }

  /** Peak resident set size so far (VmHWM), in MB; undefined where /proc is not available. */
  peakRssMb(): number | undefined {
    try {
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(graceMs = 10_000): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
