import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../server/src/core/config';
import { createLogger } from '../../server/src/core/logger';
import { startGitServer } from '../../server/src/core/reader/testing/gitServer';
import { docsBuildsIdle } from '../../server/src/plugins/techdocs';
import { createServer } from '../../server/src/server';
import { waitForIngestion } from '../../server/src/testing/app';
import { E2E_BASE_URL, E2E_PORT, READY_LINE_PREFIX, REPO_ROOT } from './env';

// The portal the browser tests run against (Playwright's webServer; `npx tsx packages/web/e2e/server.ts`):
// the real server on a fresh SQLite database holding the demo catalog plus a hostile
// component, next to a real git server on loopback with a repository to register.
// It listens only once ingestion has finished, so "the URL answers" means "the data is there".

const FIXTURES = path.join(REPO_ROOT, 'packages/web/e2e/fixtures');
const INGESTION_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const cleanup: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.error('e2e server cleanup:', error));
  };
  // Playwright signals the whole process group, so the signal can arrive twice (directly and relayed by tsx).
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop().finally(() => process.exit(0));
    });
  }

  try {
    const git = await startGitServer();
    cleanup.push(() => git.close());
    const repoUrl = await git.createRepo('e2e-registered', {
      'catalog-info.yaml': await readFile(path.join(FIXTURES, 'registered-catalog-info.yaml'), 'utf8'),
    });

    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-e2e-'));
    cleanup.push(() => rm(tmpDir, { recursive: true, force: true }));
    const configFile = await writeE2eConfig(tmpDir, new URL(git.url).host);
    // Environment overrides would point the tests at someone's real database or port.
    const config = loadConfig(configFile, { ...process.env, GREENROOM_DATABASE_URL: undefined, PORT: undefined });

    const app = await createServer(config, { logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }) });
    cleanup.push(() => app.close());
    await app.start();
    await waitForIngestion(app, INGESTION_TIMEOUT_MS);
    await docsBuildsIdle(app);

    await app.listen();
    console.log(`Greenroom at ${E2E_BASE_URL}, git server at ${git.url}, data in ${tmpDir}`);
    console.log(`${READY_LINE_PREFIX} ${repoUrl}/blob/main/catalog-info.yaml`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo configuration (greenroom.yaml) on a throw-away database, plus the hostile fixture and the git server. */
async function writeE2eConfig(dir: string, gitHost: string): Promise<string> {
  const demo = loadConfig(path.join(REPO_ROOT, 'greenroom.yaml'));
  const config = {
    server: { port: E2E_PORT, host: '127.0.0.1', baseUrl: E2E_BASE_URL },
    database: { url: `sqlite:${path.join(dir, 'greenroom.db')}` },
    catalog: {
      rules: demo.catalog.rules,
      locations: [
        ...demo.catalog.locations,
        { type: 'file', target: path.join(FIXTURES, 'hostile.yaml') },
        // The template scaffolder.spec.ts runs; it publishes to the loopback git server.
        { type: 'file', target: path.join(FIXTURES, 'scaffolder/template.yaml') },
      ],
      // No periodic refresh: nothing may change under a running test.
      refresh: { intervalSeconds: 0 },
    },
    reading: {
      fileRoots: [REPO_ROOT],
      allow: [{ host: gitHost }],
      gitHosts: [gitHost],
      gitFetchIntervalMs: 0,
    },
    // publish:git may push to the loopback git server (a first push creates the repository).
    scaffolder: { allowedHosts: [gitHost] },
    integrations: { git: [{ host: gitHost, baseUrl: `http://${gitHost}` }] },
  };
  const file = path.join(dir, 'greenroom.yaml');
  await writeFile(file, `# Written by packages/web/e2e/server.ts\n${stringify(config)}`);
  return file;
}

main().catch((error: unknown) => {
  console.error('The e2e server could not start:', error);
  process.exit(1);
});
