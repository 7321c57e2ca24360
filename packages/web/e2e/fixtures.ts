import path from 'node:path';
import { test as base, expect, type TestInfo } from '@playwright/test';

// Every browser test imports `test` from here instead of @playwright/test: it fails the
// test when the app logs a console error or throws, and saves a named screenshot of
// how the page looked at the end, pass or fail.

export { expect };

interface ConsoleError {
  text: string;
  /** For "Failed to load resource" messages: the resource's URL. */
  url: string;
}

const FAILED_LOAD = /^Failed to load resource\b/;

export const test = base.extend<{ appErrorsAndScreenshot: void }>({
  appErrorsAndScreenshot: [
    async ({ page }, use, testInfo) => {
      const consoleErrors: ConsoleError[] = [];
      const pageErrors: string[] = [];
      const imageUrls = new Set<string>();
      page.on('request', (request) => {
        if (request.resourceType() === 'image') imageUrls.add(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
      });
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));

      await use();

      if (!page.isClosed()) {
        const file = screenshotPath(testInfo);
        await page.screenshot({ path: file, fullPage: true });
        await testInfo.attach('screenshot', { path: file, contentType: 'image/png' });
      }
      // Catalog content may hold <img> tags pointing anywhere; the app renders them inert
      // or sanitised, and an image that fails to load is the content's fault, not the app's.
      const isBrokenImage = (e: ConsoleError) => FAILED_LOAD.test(e.text) && imageUrls.has(e.url);
      const errors = [
        ...pageErrors.map((stack) => `uncaught: ${stack}`),
        ...consoleErrors.filter((e) => !isBrokenImage(e)).map((e) => `console.error: ${e.text}${e.url ? ` (${e.url})` : ''}`),
      ];
      expect(errors, 'the app raised errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
});

/** `test-results/screens/<file>--<title>[--retryN].png`, readable and stable across runs. */
function screenshotPath(testInfo: TestInfo): string {
  const file = path.basename(testInfo.file).replace(/\.spec\.ts$/, '');
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const name = [file, ...testInfo.titlePath.slice(1)].map(slug).join('--');
  const retry = testInfo.retry > 0 ? `--retry${testInfo.retry}` : '';
  return path.join(testInfo.project.outputDir, 'screens', `${name}${retry}.png`);
}
