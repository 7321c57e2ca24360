// The demo's git host: `npm run demo:git-server` serves bare repositories from data/demo-git on
// http://127.0.0.1:7008 with `git http-backend`, so the demo templates' publish:git has somewhere
// real to push and catalog:register can read the new repository back. Any push creates its
// repository. Stop it with Ctrl-C; the repositories stay in data/demo-git.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitServer } from '../../packages/server/src/core/reader/testing/gitServer';

const port = Number(process.env.DEMO_GIT_PORT ?? 7008);
const reposDir = path.resolve(fileURLToPath(new URL('../../data/demo-git', import.meta.url)));

const server = await startGitServer({ port, reposDir });
console.log(`Demo git server at ${server.url}, repositories in ${reposDir}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
