import { defineConfig, devices } from '@playwright/test';
import { E2E_BASE_URL, READY_LINE, REPO_ROOT, SIGNIN_BASE_URL, SIGNIN_READY_LINE } from './e2e/env';

// Browser tests: `npm run test:e2e` from the repository root. They build the web app,
// start the real server on a fresh database (e2e/server.ts) and drive Debian's Chromium.

/** Debian's package (`apt-get install chromium`); Playwright's own browser downloads are never used. */
const CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  // `*.spec.ts`, so Vitest (which runs `*.test.ts`) never picks these up.
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  // One worker: the machine has two cores and the server needs one of them.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    baseURL: E2E_BASE_URL,
    headless: true,
    trace: 'on-first-retry',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/signin.spec.ts',
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM } },
    },
    signinProject(),
  ],
  // Started one after the other, so the second reuses the web build of the first.
  webServer: [
    {
      command: 'npm run build -w packages/web -- --logLevel warn && npx tsx packages/web/e2e/server.ts',
      cwd: REPO_ROOT,
      url: `${E2E_BASE_URL}/api/catalog/entities?limit=1`,
      wait: { stdout: READY_LINE },
      // Never reuse a running server: its data may have been changed by an earlier run.
      reuseExistingServer: false,
      // The build takes most of this on two cores.
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
      // Lets server.ts close the database and remove its temp dir and git repositories.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    signinServer(),
  ],
});

/** Sign-in needs a portal with guest mode off and a provider: its own server (e2e/signinServer.ts). */
function signinProject() {
  return {
    name: 'signin',
    testMatch: '**/signin.spec.ts',
    use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM }, baseURL: SIGNIN_BASE_URL },
  };
}

function signinServer() {
  return {
    command: 'npx tsx packages/web/e2e/signinServer.ts',
    cwd: REPO_ROOT,
    url: `${SIGNIN_BASE_URL}/api/auth/providers`,
    wait: { stdout: SIGNIN_READY_LINE },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
  };
}
