// Headless Chromium for the UI tests: Debian's /usr/bin/chromium when present, else @sparticuz/chromium's binary;
// a fresh profile per launch, every request outside loopback blocked and recorded, screenshots in test-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { tryLock, unlock } from './pid-lock.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const WEB_INDEX = join(ROOT, 'dist/web/index.html');
export const RESULTS_DIR = join(ROOT, 'test-results');

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** The Chromium binary: Debian's package when installed, else the one shipped in @sparticuz/chromium. */
export async function findChromium(): Promise<string> {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the UI into dist/web unless it is there and newer than web/. A lock folder keeps two test files from
 * building at once (the test runner runs files in parallel); a lock whose owner was killed is taken over at once.
 */
export function ensureWebBuilt(): void {
  const sources = Math.max(newestMtime(join(ROOT, 'web/src')), newestMtime(join(ROOT, 'web/index.html')), newestMtime(join(ROOT, 'web/vite.config.ts')));
  const fresh = (): boolean => existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= sources;
  if (fresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const lock = join(ROOT, 'dist/.web-build.lock');
  const deadline = Date.now() + 120_000;
  while (!tryLock(lock)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another UI build (${lock})`);
    sleep(250);
    if (fresh()) return;
  }
  try {
    if (fresh()) return;
    const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`UI build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    unlock(lock);
  }
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** URLs the page tried to fetch outside the server under test (they were blocked). */
  externalRequests: string[];
  /** Exceptions thrown in the page (uncaught). */
  pageErrors: string[];
  /** Console errors (including the browser's "Failed to load resource" for 4xx answers a test provokes). */
  consoleErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Only requests to this origin are let through. */
  allowedOrigin: string;
  viewport?: { width: number; height: number };
}

export async function launchBrowser(options: LaunchOptions): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'argonaut-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium(),
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    // The machine's POSIX locale ("en-US@posix") is no valid BCP 47 tag; pages would see it as navigator.language.
    locale: 'en-GB',
    timezoneId: 'UTC',
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(options.allowedOrigin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    externalRequests.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return {
    context,
    page,
    externalRequests,
    pageErrors,
    consoleErrors,
    async screenshot(name) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
