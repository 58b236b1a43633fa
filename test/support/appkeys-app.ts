// The app keys route tests' app: a settable clock, the users they log in as, a fresh client address per request.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { App } from '../../src/app/index.js';
import { BrowserClient, addUser } from './auth-client.js';
import { createTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';

export interface AppKeysAppOptions {
  /** The clock's start (ms since the epoch); tests move it with `clock +=`. */
  start: number;
  /** The first three parts of the IPv4 addresses handed out by `nextIp` (each test file its own). */
  subnet: string;
  /** config.yaml contents (default: no network announcements). */
  config?: string;
  /** Users besides admin (admins, users), alice and bob (users); each with the password `<name>-password`. */
  moreUsers?: Array<[name: string, groups: string[]]>;
}

export interface AppKeysApp {
  readonly app: App;
  /** The app's clock (ms); assign to move it. */
  clock: number;
  /** An address no earlier request came from, for `X-Forwarded-For`. */
  readonly nextIp: () => string;
  /** A browser logged in as `user` (password `<user>-password`) from a fresh address. */
  readonly loggedIn: (user: string) => Promise<BrowserClient>;
}

/** Registers the hooks that start the app (with its users) before the describe's tests and close it after. */
export function useAppKeysApp(options: AppKeysAppOptions): AppKeysApp {
  let started: TestApp | undefined;
  let ip = 0;
  const harness: AppKeysApp = {
    get app(): App {
      if (!started) throw new Error('the app starts in a before hook; use it inside tests');
      return started.app;
    },
    clock: options.start,
    nextIp: () => `${options.subnet}.${++ip}`,
    loggedIn: async (user) => {
      const browser = new BrowserClient(harness.app.http, { 'x-forwarded-for': harness.nextIp() });
      assert.equal((await browser.login(harness.app, user, `${user}-password`)).statusCode, 200);
      return browser;
    },
  };
  before(async () => {
    started = await createTestApp({ now: () => harness.clock, config: options.config ?? 'plugins:\n  discovery:\n    enabled: false\n' });
    await addUser(started.app, 'admin', 'admin-password', ['admins', 'users']);
    await addUser(started.app, 'alice', 'alice-password');
    await addUser(started.app, 'bob', 'bob-password');
    for (const [name, groups] of options.moreUsers ?? []) await addUser(started.app, name, `${name}-password`, groups);
  });
  after(() => started?.close());
  return harness;
}
