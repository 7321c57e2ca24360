#!/usr/bin/env node
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, parseConfig, type Config } from './core/config';
import { runAuthToken } from './cli/authToken';
import { runDocsBuild, runDocsServe } from './cli/docs';
import { runValidate } from './cli/validate';
import { rebuildSearchIndex } from './plugins/search';
import { createServer } from './server';

const USAGE = `Usage:
  greenroom serve [--config greenroom.yaml]      run the portal
  greenroom validate [--config greenroom.yaml] <files or globs…>
                                                  check catalog files the way the server would
  greenroom search reindex [--config greenroom.yaml]
                                                  rebuild the search index; a running server keeps answering
  greenroom docs build <dir> --out <dir>          build TechDocs (mkdocs.yml + Markdown) into a static site
  greenroom docs serve <dir> [--port 8000]        preview TechDocs, rebuilt on every save
  greenroom auth token <name>                     a new service token and the config entry (its hash) that accepts it`;

function readConfig(file: string | undefined): Config {
  if (file) return loadConfig(path.resolve(file));
  const local = path.resolve('greenroom.yaml');
  return existsSync(local) ? loadConfig(local) : parseConfig({}, { rootDir: process.cwd() });
}

async function serve(configFile: string | undefined) {
  const config = readConfig(configFile);
  const app = await createServer(config);
  const shutdown = async (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen();
  await app.start();
  const shown =
    config.server.baseUrl ?? `http://${config.server.host === '127.0.0.1' ? 'localhost' : config.server.host}:${config.server.port}`;
  app.logger.info(`Greenroom is running at ${shown}`);
}

async function reindexSearch(configFile: string | undefined) {
  const app = await createServer(readConfig(configFile));
  try {
    await rebuildSearchIndex(app);
  } finally {
    await app.close();
  }
  return 0;
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
      out: { type: 'string', short: 'o' },
      port: { type: 'string', default: '8000' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'serve') {
    await serve(values.config);
    return undefined;
  }
  if (command === 'validate') return runValidate(rest, readConfig(values.config));
  if (command === 'search' && rest[0] === 'reindex') return reindexSearch(values.config);
  if (command === 'docs' && rest[0] === 'build') return runDocsBuild(rest[1], values.out);
  if (command === 'auth' && rest[0] === 'token') return runAuthToken(rest[1]);
  if (command === 'docs' && rest[0] === 'serve') return runDocsServe(rest[1], values.port);
  console.error(`Unknown command "${command}"\n${USAGE}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
