// One UI test suite's server and headless browser: started in the suite's before hook, closed in its after hook.
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureWebBuilt, launchBrowser } from './browser.js';
import type { LaunchOptions, TestBrowser } from './browser.js';
import { logIn } from './ui-session.js';
import { ADMIN, startUiServer } from './ui-server.js';
import type { UiServer, UiServerOptions } from './ui-server.js';

export interface BrowserPageOptions {
  server?: UiServerOptions;
  viewport?: LaunchOptions['viewport'];
  /** Runs once the server is up, before the browser opens (add users, upload files). */
  prepare?(server: UiServer): Promise<unknown>;
  /** Logs ADMIN in through the login form (needs `server.withAdmin`). */
  logIn?: boolean;
  /** Build the UI into dist/web first (default true; pages the server renders itself do not need it). */
  buildUi?: boolean;
}

/** The suite's server, browser and page; read them inside tests and hooks (they exist once `before` ran). */
export interface BrowserPage {
  readonly server: UiServer;
  readonly browser: TestBrowser;
  readonly page: Page;
}

/** Call inside `describe`: registers the hooks that start and stop the server and browser for its tests. */
export function withBrowserPage(options: BrowserPageOptions = {}): BrowserPage {
  let server: UiServer | undefined;
  let browser: TestBrowser | undefined;
  before(async () => {
    if (options.buildUi ?? true) ensureWebBuilt();
    server = await startUiServer(options.server);
    await options.prepare?.(server);
    browser = await launchBrowser({ allowedOrigin: server.baseUrl, viewport: options.viewport });
    if (options.logIn) await logIn(browser.page, server.baseUrl, ADMIN.name, ADMIN.password);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started: use it inside a test or hook`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get page() {
      return started(browser, 'browser').page;
    },
  };
}
