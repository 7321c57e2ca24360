import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { buildSite, writeSite } from '../../packages/server/src/plugins/techdocs/build';
import { positiveInt } from './cliArgs';
import { writeDocsSite } from './techdocsSite';

// `npm run bench:techdocs [-- --pages 500 --runs 3]`: builds a generated documentation site with
// Greenroom's builder and, when Debian's mkdocs with mkdocs-material and pymdownx is installed
// (apt-get install -y mkdocs mkdocs-material python3-pymdownx), with MkDocs too, and prints the ratio.
// Target (issue 4): at least 5x faster than MkDocs on the same site.

const run = promisify(execFile);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function mkdocsAvailable(): Promise<boolean> {
  try {
    // mkdocs runs on the system's Python, where Debian puts mkdocs-material and pymdownx.
    await run('mkdocs', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const { values } = parseArgs({ options: { pages: { type: 'string', default: '500' }, runs: { type: 'string', default: '3' } } });
  const pages = positiveInt('--pages', values.pages!, 1);
  const runs = positiveInt('--runs', values.runs!, 1);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-bench-techdocs-'));
  try {
    await writeDocsSite(dir, pages, 'greenroom');
    const greenroom: number[] = [];
    let warnings = 0;
    for (let i = 0; i < runs; i++) {
      greenroom.push(
        await timed(async () => {
          const result = await buildSite(dir);
          warnings = result.warnings.length;
          await writeSite(result, path.join(dir, `site-greenroom-${i}`));
        }),
      );
    }
    const best = Math.min(...greenroom);
    console.log(`TechDocs build of ${pages + 1} pages (${warnings} warnings)`);
    console.log(`  Greenroom   ${greenroom.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}  (best ${(best / 1000).toFixed(2)} s, ${Math.round(((pages + 1) / best) * 1000)} pages/s)`);
    const report: Record<string, unknown> = { bench: 'techdocs', pages: pages + 1, greenroomMs: greenroom.map(Math.round) };
    if (await mkdocsAvailable()) {
      const mkdocs: number[] = [];
      for (let i = 0; i < runs; i++) mkdocs.push(await timed(() => run('mkdocs', ['build', '--quiet', '--site-dir', path.join(dir, `site-mkdocs-${i}`)], { cwd: dir, maxBuffer: 64 * 1024 * 1024 })));
      const mkdocsBest = Math.min(...mkdocs);
      const ratio = mkdocsBest / best;
      console.log(`  MkDocs      ${mkdocs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}  (best ${(mkdocsBest / 1000).toFixed(2)} s)`);
      console.log(`  Greenroom is ${ratio.toFixed(1)}x faster (target ≥ 5x): ${ratio >= 5 ? 'met' : 'MISSED'}`);
      Object.assign(report, { mkdocsMs: mkdocs.map(Math.round), ratio: Number(ratio.toFixed(2)) });
    } else {
      console.log('  MkDocs      not installed (apt-get install -y mkdocs mkdocs-material python3-pymdownx): no ratio');
    }
    console.log(`summary (JSON):\n${JSON.stringify(report)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
