/**
 * Debian's Chromium driven by playwright-core, with the flags CI uses, plus
 * a console watcher: a page that logs an error or throws fails its test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 };
export const TABLET: BrowserContextOptions = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, hasTouch: true };

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface BrowserHandle {
  browser: Browser;
  /**
   * A fresh context (own cookies and storage) with the console watched. `clockAt` starts the
   * page's clock at the server's (fixed test) time, so countdowns and "this week" agree with it.
   */
  context(opts?: BrowserContextOptions, clockAt?: Date): Promise<BrowserContext>;
  /** Problems logged by every page opened so far; see `expectNoConsoleErrors`. */
  consoleErrors: string[];
  /** Forget console problems matching this (an error the test provoked on purpose). */
  allow(pattern: RegExp): void;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh --user-data-dir. Network noise the browser
 * itself logs for HTTP answers a screen handles (401 on "who am I", a 4xx the
 * form shows next to a field) is not an error; tests opt in with `allow`.
 */
export async function launchBrowser(): Promise<BrowserHandle> {
  // launch() gives Chromium a fresh temporary --user-data-dir of its own and deletes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const consoleErrors: string[] = [];
  // "Who am I?" answers 401 before login by design; Chrome logs every 4xx fetch.
  const allowed: RegExp[] = [/status of 401 .*\/api\/auth\/me$/];
  const record = (text: string) => {
    if (!allowed.some((a) => a.test(text))) consoleErrors.push(text);
  };
  const watch = (page: Page) => {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() !== 'error' && msg.type() !== 'warning') return;
      const where = msg.location()?.url ?? '';
      // Chrome's own warnings about flags, not our page.
      if (msg.type() === 'warning' && !where.startsWith('http://127.0.0.1')) return;
      record(`[${msg.type()}] ${msg.text()} ${where}`.trim());
    });
    page.on('pageerror', (err) => record(`[pageerror] ${err.message}`));
  };
  return {
    browser,
    consoleErrors,
    allow: (p) => {
      allowed.push(p);
      for (let i = consoleErrors.length - 1; i >= 0; i--) if (p.test(consoleErrors[i])) consoleErrors.splice(i, 1);
    },
    async context(opts = DESKTOP, clockAt?: Date) {
      const ctx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', ...opts });
      ctx.on('page', watch);
      if (clockAt) {
        await ctx.clock.install({ time: clockAt });
        await ctx.clock.resume();
      }
      return ctx;
    },
    async close() {
      await browser.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
