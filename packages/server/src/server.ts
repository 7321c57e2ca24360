import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type BuildAppOptions, type GreenroomApp } from './core/app';
import type { Config } from './core/config';
import type { Plugin } from './core/plugin';
import { serveWebApp } from './core/web';
import { builtInPlugins } from './plugins';

/** Where the built web app lives, relative to this package (src/ in dev, dist/ when bundled). */
function webDistDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../web/dist');
}

/** The full server: core, plugins and the web app. `listen()` and `start()` are the caller's. */
export async function createServer(config: Config, options: BuildAppOptions & { plugins?: Plugin[] } = {}): Promise<GreenroomApp> {
  return buildApp(config, options.plugins ?? builtInPlugins, {
    ...options,
    extraRoutes: (app) => serveWebApp(app, webDistDir()),
  });
}
