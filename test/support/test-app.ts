// Builds a whole Argonaut app on a temporary basedir for tests, with a silent logger, and tears it down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../src/app/index.js';
import type { App } from '../../src/app/index.js';

export interface TestAppOptions {
  /** config.yaml contents. */
  config?: string;
  /** Files to create in the basedir before start, by relative path. */
  files?: Record<string, string>;
  now?: () => number;
}

export interface TestApp {
  app: App;
  basedir: string;
  close(): Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-test-'));
  if (options.config !== undefined) writeFileSync(join(basedir, 'config.yaml'), options.config);
  for (const [path, content] of Object.entries(options.files ?? {})) writeFileSync(join(basedir, path), content);
  const app = await createApp({ basedir, logger: pino({ level: 'silent' }), now: options.now, host: '127.0.0.1', port: 0 });
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
