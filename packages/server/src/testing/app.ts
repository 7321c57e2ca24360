import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { buildApp, type GreenroomApp } from '../core/app';
import { parseConfig } from '../core/config';
import type { DatabaseEngine } from '../core/database';
import type { Identity } from '../core/identity';
import { createLogger } from '../core/logger';
import type { PermissionPolicy } from '../core/permissions';
import type { Plugin } from '../core/plugin';
import { builtInPlugins } from '../plugins';
import { freshDatabase } from './databases';

export interface TestApp extends GreenroomApp {
  /** Directory the test config lives in (config-relative paths resolve here). */
  rootDir: string;
}

/** Builds the real server on a fresh database of `engine`, with config given as an object. */
export async function createTestApp(
  engine: DatabaseEngine,
  rawConfig: Record<string, unknown> = {},
  options: { rootDir?: string; plugins?: Plugin[]; identity?: Identity; policy?: PermissionPolicy } = {},
): Promise<TestApp> {
  const rootDir = options.rootDir ?? mkdtempSync(path.join(os.tmpdir(), 'greenroom-app-'));
  const config = parseConfig(rawConfig, { rootDir, env: { GREENROOM_DATA_DIR: path.join(rootDir, 'data') } });
  const database = await freshDatabase(engine);
  const app = await buildApp(config, options.plugins ?? builtInPlugins, {
    database,
    identity: options.identity,
    policy: options.policy,
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  return Object.assign(app, { rootDir });
}

/** Writes `documents` as the YAML file `catalog.yaml` in `rootDir` (a new directory unless given), which it returns. */
export function writeCatalogFile(documents: unknown[], rootDir = mkdtempSync(path.join(os.tmpdir(), 'greenroom-catalog-'))): string {
  writeFileSync(path.join(rootDir, 'catalog.yaml'), documents.map((doc) => stringify(doc)).join('---\n'));
  return rootDir;
}

/**
 * Starts the server on a fresh database of `engine` with `catalog.yaml` of `rootDir` as its one
 * location (only `kinds` allowed, when given), and waits until it has been read once.
 */
export async function startCatalogApp(
  engine: DatabaseEngine,
  rootDir: string,
  { kinds, config = {}, ...options }: { kinds?: string[]; config?: Record<string, unknown>; identity?: Identity; policy?: PermissionPolicy } = {},
): Promise<TestApp> {
  const catalog = {
    locations: [{ type: 'file', target: './catalog.yaml' }],
    refresh: { intervalSeconds: 0 },
    ...(kinds ? { rules: [{ allow: kinds }] } : {}),
    ...(config.catalog as Record<string, unknown> | undefined),
  };
  const app = await createTestApp(engine, { ...config, catalog }, { ...options, rootDir });
  await app.start();
  await waitForIngestion(app);
  return app;
}

/** Waits until every registered location has been processed at least once. */
export async function waitForIngestion(app: GreenroomApp, timeoutMs = 20_000, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.http.inject({ method: 'GET', url: '/api/catalog/locations', headers });
    const locations = res.json() as Array<{ data: { status?: { lastRefreshAt?: string } } }>;
    if (locations.every((l) => l.data.status?.lastRefreshAt)) return;
    if (Date.now() > deadline) throw new Error('Timed out waiting for catalog ingestion');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
