import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { parseConfig } from '../../packages/server/src/core/config';
import { createLogger } from '../../packages/server/src/core/logger';
import { createServer } from '../../packages/server/src/server';
import { waitForIngestion } from '../../packages/server/src/testing/app';
import { positiveInt } from './cliArgs';
import { cpuSince, cpuTime, type CpuTime } from './cpuTime';
import { startGitServerProcess } from './gitServerProcess';
import { reportBenchFailure } from './logTail';
import { summarise } from './stats';

// `npm run bench:scaffolder [-- --tasks 50 --concurrency 4 --files 200]`: the real server in this
// process, listening on a port, with a real git server on loopback. A demo-like template renders
// ~200 files (fetch:template), pushes them (publish:git) and registers the result (catalog:register);
// clients start tasks over HTTP, `concurrency` at a time, and wait for each to finish.
// Target (issue 5): p95 task duration ≤ 3 s. GREENROOM_DATABASE_URL=postgres://… runs it on PostgreSQL.

const TARGET_P95_MS = 3000;
interface Task {
  status: string;
  error?: { message: string };
  steps: Array<{ id: string; startedAt?: string; endedAt?: string }>;
}

/** A skeleton of `files` files: a catalog-info.yaml, a README and source modules that all use template values. */
async function writeTemplate(dir: string, files: number): Promise<void> {
  const skeleton = path.join(dir, 'template', 'skeleton');
  await mkdir(path.join(skeleton, 'src'), { recursive: true });
  await writeFile(
    path.join(skeleton, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\n  description: ${{ values.description }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: ${{ values.owner }}\n',
  );
  await writeFile(path.join(skeleton, 'README.md'), '# ${{ values.name }}\n\n${{ values.description }}\n');
  for (let i = 0; i < files - 2; i += 1) {
    const body = [
      `// Module ${i} of \${{ values.name }}, owned by \${{ values.owner }}.`,
      `export const module${i} = { service: '\${{ values.name }}', index: ${i} };`,
      `{% if values.verbose %}export const note${i} = 'verbose';{% endif %}`,
      ...Array.from({ length: 30 }, (_, line) => `export function handler${i}_${line}(input) { return { ...input, line: ${line} }; }`),
    ].join('\n');
    await writeFile(path.join(skeleton, 'src', `module-${String(i).padStart(3, '0')}.js`), `${body}\n`);
  }
  const template = {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'bench-service', title: 'Benchmark service' },
    spec: {
      owner: 'group:default/bench-team',
      type: 'service',
      parameters: [
        {
          required: ['name', 'repoUrl'],
          properties: { name: { type: 'string' }, repoUrl: { type: 'string' }, verbose: { type: 'boolean' } },
        },
      ],
      steps: [
        {
          id: 'fetch',
          action: 'fetch:template',
          input: {
            url: './skeleton',
            values: {
              name: '${{ parameters.name }}',
              description: 'Benchmark service',
              owner: 'group:default/bench-team',
              verbose: '${{ parameters.verbose }}',
            },
          },
        },
        { id: 'publish', action: 'publish:git', input: { repoUrl: '${{ parameters.repoUrl }}' } },
        {
          id: 'register',
          action: 'catalog:register',
          input: { repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}', catalogInfoPath: '/catalog-info.yaml' },
        },
      ],
      output: { links: [{ title: 'Open in catalog', entityRef: '${{ steps.register.output.entityRef }}' }] },
    },
  };
  await writeFile(path.join(dir, 'template', 'template.yaml'), stringify(template));
  const group = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'bench-team' },
    spec: { type: 'team', children: [] },
  };
  const location = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'bench' },
    spec: { targets: ['./template/template.yaml'] },
  };
  await writeFile(path.join(dir, 'catalog.yaml'), [location, group].map((doc) => stringify(doc)).join('---\n'));
}

/** Per step id, milliseconds from its start to its end. */
function stepMs(task: Task): Record<string, number> {
  return Object.fromEntries(task.steps.map((s) => [s.id, Date.parse(s.endedAt ?? '') - Date.parse(s.startedAt ?? '')]));
}

/** Milliseconds from the first step's start to the last step's end, as the server recorded them. */
function runMs(task: Task): number {
  const starts = task.steps.map((s) => Date.parse(s.startedAt ?? '')).filter(Number.isFinite);
  const ends = task.steps.map((s) => Date.parse(s.endedAt ?? '')).filter(Number.isFinite);
  return Math.max(...ends) - Math.min(...starts);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '4' },
      files: { type: 'string', default: '200' },
    },
  });
  const taskCount = positiveInt('tasks', values.tasks!, 1);
  const concurrency = positiveInt('concurrency', values.concurrency!, 1);
  const files = positiveInt('files', values.files!, 3);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-bench-scaffolder-'));
  const git = await startGitServerProcess();
  const gitHost = new URL(git.url).host;
  await writeTemplate(dir, files);
  const config = parseConfig(
    {
      server: { port: 0, host: '127.0.0.1' },
      database: { url: process.env.GREENROOM_DATABASE_URL ?? `sqlite:${path.join(dir, 'greenroom.db')}` },
      catalog: {
        rules: [{ allow: ['Component', 'Group', 'Location', 'Template'] }],
        locations: [{ type: 'file', target: './catalog.yaml' }],
        refresh: { intervalSeconds: 0 },
      },
      // The default fetch interval (5 s), as a portal runs: each task's repository is new anyway.
      reading: { fileRoots: ['.'], allow: [{ host: gitHost }], gitHosts: [gitHost] },
      scaffolder: { concurrentTasksLimit: concurrency, allowedHosts: [gitHost] },
      integrations: { git: [{ host: gitHost, baseUrl: git.url }] },
    },
    { rootDir: dir, env: { GREENROOM_DATA_DIR: path.join(dir, 'data') } },
  );
  const app = await createServer(config, { logger: createLogger({ level: 'warn' }) });
  try {
    await app.start();
    await waitForIngestion(app, 60_000);
    const baseUrl = (await app.listen()).replace('0.0.0.0', '127.0.0.1');

    const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${baseUrl}/api/scaffolder${url}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    /** Starts one task and waits for its end; answers the time the client saw and the server's run time. */
    const runOne = async (name: string) => {
      const started = performance.now();
      const { id } = await api<{ id: string }>('POST', '/v2/tasks', {
        templateRef: 'template:default/bench-service',
        values: { name, repoUrl: `${gitHost}?owner=bench&repo=${name}` },
      });
      await untilEnded(id);
      const totalMs = performance.now() - started;
      const task = await api<Task>('GET', `/v2/tasks/${id}`);
      if (task.status !== 'completed') throw new Error(`task for ${name} ${task.status}: ${task.error?.message}`);
      return { totalMs, runMs: runMs(task), steps: stepMs(task) };
    };
    /** Follows the task's event stream, as the portal's task page does, until its completion or cancelled event. */
    const untilEnded = async (id: string) => {
      const res = await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}/eventstream`);
      if (!res.ok || !res.body) throw new Error(`the event stream of task ${id} answered ${res.status}`);
      const decoder = new TextDecoder();
      const stream = res.body.getReader();
      let text = '';
      try {
        for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read()) {
          text += decoder.decode(chunk.value, { stream: true });
          if (/^event: (completion|cancelled)$/m.test(text)) return;
        }
      } finally {
        // Closes the connection, as leaving the task page does.
        await stream.cancel();
      }
      throw new Error(`the event stream of task ${id} ended before the task did`);
    };

    // Warm-up: first clone, first render, JIT; not counted.
    await runOne('warmup-0');

    const totals: number[] = [];
    const runs: number[] = [];
    const perStep: Record<string, number[]> = {};
    let next = 0;
    const loadBefore = os.loadavg()[0];
    const cpuStarted = cpuTime();
    const gitCpuStarted = await git.cpuTime();
    const wallStarted = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < taskCount) {
          const i = next++;
          const result = await runOne(`service-${String(i).padStart(3, '0')}`);
          totals.push(result.totalMs);
          runs.push(result.runMs);
          for (const [step, ms] of Object.entries(result.steps)) (perStep[step] ??= []).push(ms);
        }
      }),
    );
    const wallMs = performance.now() - wallStarted;
    const cpu = cpuSince(cpuStarted);
    const gitCpu = cpuSince(gitCpuStarted, await git.cpuTime());
    const loadAfter = os.loadavg()[0];

    // What the user would check: the last repository is on the git server and its component in the catalog.
    const last = `service-${String(taskCount - 1).padStart(3, '0')}`;
    if (!(await git.readFile(`bench/${last}`, 'catalog-info.yaml')))
      throw new Error(`bench/${last} has no catalog-info.yaml on the git server`);
    const entity = await fetch(`${baseUrl}/api/catalog/entities/by-name/component/default/${last}`);
    if (entity.status !== 200) throw new Error(`component ${last} is not in the catalog (${entity.status})`);

    const total = summarise(totals, wallMs);
    const run = summarise(runs, wallMs);
    const db = config.database.url.split(':')[0];
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `\nScaffolder: ${taskCount} tasks, ${concurrency} at a time, ${files} files each (fetch:template + publish:git + catalog:register), ${db}`,
    );
    console.log(
      `  task duration (POST → completed)  p50 ${fmt(total.p50)}  p95 ${fmt(total.p95)}  max ${fmt(total.max)}   target p95 ≤ ${fmt(TARGET_P95_MS)}: ${total.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`,
    );
    console.log(`  steps only (server's step times)  p50 ${fmt(run.p50)}  p95 ${fmt(run.p95)}  max ${fmt(run.max)}`);
    for (const [step, times] of Object.entries(perStep)) {
      const stats = summarise(times, wallMs);
      console.log(`    ${step.padEnd(31)} p50 ${fmt(stats.p50)}  p95 ${fmt(stats.p95)}`);
    }
    console.log(`  throughput                        ${total.rps.toFixed(2)} tasks/s (${fmt(wallMs)} wall)`);
    // The portal's process (server and clients) with the git programs it ran, and the git server's process with its own.
    const perTask = (seconds: number) => `${((seconds / taskCount) * 1000).toFixed(0)} ms`;
    const split = (t: CpuTime) => `${perTask(t.user + t.system)} (user ${perTask(t.user)}, system ${perTask(t.system)})`;
    const children = (t: CpuTime): CpuTime => ({ user: t.childUser, system: t.childSystem, childUser: 0, childSystem: 0 });
    const gitServerTotal = gitCpu.user + gitCpu.system + gitCpu.childUser + gitCpu.childSystem;
    const cpuMsPerTask = Math.round(((cpu.user + cpu.system + cpu.childUser + cpu.childSystem + gitServerTotal) / taskCount) * 1000);
    console.log(`  CPU per task                      ${cpuMsPerTask} ms in all:`);
    console.log(`    portal process                  ${split(cpu)}`);
    console.log(`    git run by the portal           ${split(children(cpu))}`);
    console.log(`    git server and its git          ${perTask(gitServerTotal)}`);
    console.log(`  load average (1 min)              ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
    console.log(
      `\nsummary (JSON):\n${JSON.stringify({ bench: 'scaffolder', db, tasks: taskCount, concurrency, files, p50Ms: Math.round(total.p50), p95Ms: Math.round(total.p95), maxMs: Math.round(total.max), stepsP95Ms: Math.round(run.p95), tasksPerSecond: Number(total.rps.toFixed(2)), cpuMsPerTask, loadAverage: Number(loadAfter.toFixed(2)) })}`,
    );
    return total.p95 <= TARGET_P95_MS ? 0 : 1;
  } catch (error) {
    reportBenchFailure('scaffolder', error);
    return 1;
  } finally {
    await app.close();
    await git.close();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
