import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../server/src/core/config';
import { createLogger } from '../../server/src/core/logger';
import { createServer } from '../../server/src/server';
import { waitForIngestion } from '../../server/src/testing/app';
import { REPO_ROOT, SIGNIN_BASE_URL, SIGNIN_PORT, SIGNIN_READY_LINE_PREFIX } from './env';
import { startLoopbackProvider } from '../../server/src/testing/oidcProvider';

// The portal signin.spec.ts runs against (Playwright's second webServer; `npx tsx packages/web/e2e/signinServer.ts`):
// the real server with guest mode off and one OpenID Connect provider, a real oidc-provider on loopback
// whose test user has the email of the demo catalog's Noah Kowalski. Serves the web build of the first webServer.

const INGESTION_TIMEOUT_MS = 60_000;
const launcherToken = randomBytes(24).toString('hex');
/**
 * A demo user (examples/catalog/org.yaml), member of team-payments; the sign-in resolver matches them by
 * email. The provider's development login page takes any password.
 */
const DEMO_USER = { login: 'noah', password: 'e2e-password', email: 'noah.kowalski@northwind.example', name: 'Noah K.' };

async function main(): Promise<void> {
  const cleanup: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.error('e2e sign-in server cleanup:', error));
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop().finally(() => process.exit(0));
    });
  }

  try {
    const provider = await startLoopbackProvider({ redirectUris: [`${SIGNIN_BASE_URL}/api/auth/oidc/callback`], users: [DEMO_USER] });
    cleanup.push(() => provider.close());

    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenroom-e2e-signin-'));
    cleanup.push(() => rm(tmpDir, { recursive: true, force: true }));
    const configFile = await writeSigninConfig(tmpDir, provider);
    const config = loadConfig(configFile, { ...process.env, GREENROOM_DATABASE_URL: undefined, PORT: undefined });

    const app = await createServer(config, { logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }) });
    cleanup.push(() => app.close());
    await app.start();
    await waitForIngestion(app, INGESTION_TIMEOUT_MS, { authorization: `Bearer ${launcherToken}` });
    await app.listen();
    console.log(`Greenroom (sign-in) at ${SIGNIN_BASE_URL}, OpenID Connect provider at ${provider.issuer}, data in ${tmpDir}`);
    console.log(`${SIGNIN_READY_LINE_PREFIX} ${DEMO_USER.login} ${DEMO_USER.password}`);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo catalog on a throw-away database, guest mode off, the loopback provider as the only way in. */
async function writeSigninConfig(dir: string, provider: { issuer: string; clientId: string; clientSecret: string }): Promise<string> {
  const demo = loadConfig(path.join(REPO_ROOT, 'greenroom.yaml'));
  const config = {
    server: { port: SIGNIN_PORT, host: '127.0.0.1', baseUrl: SIGNIN_BASE_URL },
    database: { url: `sqlite:${path.join(dir, 'greenroom.db')}` },
    catalog: { rules: demo.catalog.rules, locations: demo.catalog.locations, refresh: { intervalSeconds: 0 } },
    reading: { fileRoots: [REPO_ROOT], allow: [], gitHosts: [], gitFetchIntervalMs: 0 },
    auth: {
      guest: false,
      session: { secret: randomBytes(32).toString('hex') },
      providers: {
        oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, title: 'Northwind SSO' },
      },
      signIn: { resolvers: [{ match: 'email' }] },
      // Only this launcher uses it, to wait for the catalog before the test starts.
      tokens: [{ name: 'e2e-launcher', sha256: createHash('sha256').update(launcherToken).digest('hex'), scopes: ['catalog:read'] }],
    },
  };
  const file = path.join(dir, 'greenroom.yaml');
  await writeFile(file, `# Written by packages/web/e2e/signinServer.ts\n${stringify(config)}`);
  return file;
}

main().catch((error: unknown) => {
  console.error('The e2e sign-in server could not start:', error);
  process.exit(1);
});
