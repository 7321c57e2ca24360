import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Page loads as a first-time visitor gets them: headless Debian Chromium, a new
// browser context per load and the HTTP cache disabled. Times are read inside
// the page, from navigation start (performance.now()), so the figure includes
// fetching the HTML and scripts, running the app and its API calls.

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's Chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
}

async function coldPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page };
}

/** URLs of every script the page loads until the network has been quiet for a moment (lazy chunks included). */
export async function scriptsLoadedBy(browser: Browser, url: string, timeoutMs: number): Promise<string[]> {
  const { context, page } = await coldPage(browser);
  try {
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(response.url());
    });
    await page.goto(url, { waitUntil: 'networkidle', timeout: timeoutMs });
    return [...scripts];
  } finally {
    await context.close();
  }
}

export interface TimedLoad {
  /** Milliseconds from navigation start; undefined when the selector never became visible. */
  ms: number | undefined;
}

export interface TimedLoadInput {
  url: string;
  /** CSS selector of the element whose appearance ends the measurement. */
  selector: string;
  /** Also wait until the main thread is idle after the element appeared (the page can be used). */
  untilIdle: boolean;
  timeoutMs: number;
}

export async function timedLoad(browser: Browser, input: TimedLoadInput): Promise<TimedLoad> {
  const { context, page } = await coldPage(browser);
  try {
    // The SPA never replaces its document after this, so the in-page wait below keeps running.
    await page.goto(input.url, { waitUntil: 'domcontentloaded', timeout: input.timeoutMs });
    const ms = await page.evaluate(waitInPage, { selector: input.selector, untilIdle: input.untilIdle, timeoutMs: input.timeoutMs });
    return { ms: ms < 0 ? undefined : ms };
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page: polls each frame until `selector` is visible; -1 on timeout. No named
 * inner functions: tsx would wrap them in a helper that does not exist in the page.
 */
async function waitInPage({
  selector,
  untilIdle,
  timeoutMs,
}: {
  selector: string;
  untilIdle: boolean;
  timeoutMs: number;
}): Promise<number> {
  for (;;) {
    const element = document.querySelector(selector);
    if (element !== null && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden') break;
    if (performance.now() > timeoutMs) return -1;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  if (untilIdle) await new Promise((resolve) => requestIdleCallback(resolve));
  return performance.now();
}
