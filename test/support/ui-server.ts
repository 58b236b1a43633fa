// The real server for browser tests: createApp on a free loopback port with a temporary basedir, its console
// output captured (for the first-run setup code), and optional ready-made users.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../src/app/index.js';
import type { App } from '../../src/app/index.js';
import { TEST_ARGON2 } from './test-app.js';

export const ADMIN = { name: 'admin', password: 'correct horse battery staple' } as const;

export interface UiServerOptions {
  /** config.yaml contents. */
  config?: string;
  /** Create the administrator ADMIN (so no first-run setup). */
  withAdmin?: boolean;
  /** The server's clock (tests move it forward to make credentials go stale). */
  now?: () => number;
}

export interface UiServer {
  /** The running app (a new one after restart()). */
  app: App;
  baseUrl: string;
  basedir: string;
  /** Everything the server logged (JSON lines). */
  output(): string;
  /** The one-time setup code the server printed, or null. */
  setupCode(): string | null;
  /** Stops the server and starts a new one on the same basedir and port, like a service restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startUiServer(options: UiServerOptions = {}): Promise<UiServer> {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-ui-test-'));
  if (options.config !== undefined) writeFileSync(join(basedir, 'config.yaml'), options.config);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const open = (port: number): Promise<App> =>
    createApp({ basedir, logger: pino({ level: 'info' }, sink), host: '127.0.0.1', port, argon2: TEST_ARGON2, now: options.now, apiNiceness: 0 });
  let app = await open(0);
  if (options.withAdmin) {
    await app.access.accounts.addUser({ name: ADMIN.name, password: ADMIN.password, active: true, groups: ['admins', 'users'] });
  }
  const bound = await app.start();
  return {
    get app() {
      return app;
    },
    basedir,
    baseUrl: `http://127.0.0.1:${bound.port}`,
    output: () => lines.join(''),
    setupCode: () => /setup code[^:]*: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(lines.join(''))?.[1] ?? null,
    async restart() {
      await app.stop();
      app = await open(bound.port);
      await app.start();
    },
    async close() {
      await app.stop();
      rmSync(basedir, { recursive: true, force: true });
    },
  };
}
