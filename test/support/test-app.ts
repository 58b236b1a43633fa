// Builds a whole Argonaut app on a temporary basedir for tests, with a silent logger, and tears it down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../src/app/index.js';
import type { App, AppOptions } from '../../src/app/index.js';
import type { Argon2Parameters } from '../../src/auth/index.js';
import type { DisplayClock } from '../../src/jobs/index.js';

export interface TestAppOptions {
  /** config.yaml contents. */
  config?: string;
  /** Files to create in the basedir before start, by relative path. */
  files?: Record<string, string>;
  now?: () => number;
  /** Password hashing cost; default: cheap argon2id so logins in tests take milliseconds (see TEST_ARGON2). */
  argon2?: Argon2Parameters;
  /** A logger of the test's own (to read what the server logs); default silent. */
  logger?: pino.Logger;
  /** The clock of the progress on the printer's display. */
  displayClock?: DisplayClock;
  /** The timer of power control's idle switch-off. */
  powerIdleClock?: AppOptions['powerIdleClock'];
}

/** Real argon2id, with the smallest cost: the hashing code is the product's, only the work factor is lower. */
export const TEST_ARGON2: Argon2Parameters = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export interface TestApp {
  app: App;
  basedir: string;
  close(): Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-test-'));
  if (options.config !== undefined) writeFileSync(join(basedir, 'config.yaml'), options.config);
  for (const [path, content] of Object.entries(options.files ?? {})) writeFileSync(join(basedir, path), content);
  // The printer driver runs in its own process as in the server; this process keeps its priority (test processes
  // share the machine, and a lower one only makes timing tests flaky). The real server's priority is tested apart.
  const app = await createApp({
    basedir,
    logger: options.logger ?? pino({ level: 'silent' }),
    now: options.now,
    host: '127.0.0.1',
    port: 0,
    argon2: options.argon2 ?? TEST_ARGON2,
    apiNiceness: 0,
    displayClock: options.displayClock,
    powerIdleClock: options.powerIdleClock,
  });
  await app.http.ready();
  return {
    app,
    basedir,
    async close() {
      await app.stop();
      rmSync(basedir, { recursive: true, force: true });
    },
  };
}
