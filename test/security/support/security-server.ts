// The real server for the security suite: createApp + start on 127.0.0.1:0 in this process, its log stream
// captured (the product's logger and redaction), a movable clock, and teardown of everything it made.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { createApp, createLogger } from '../../../src/app/index.js';
import type { App } from '../../../src/app/index.js';
import type { Argon2Parameters } from '../../../src/auth/index.js';
import { TEST_ARGON2 } from '../../support/test-app.js';
import { send } from './http-client.js';

/** No network announcements; instant virtual printer. Each test file merges its own settings over this. */
export const BASE_CONFIG: ConfigTree = {
  plugins: { discovery: { enabled: false }, virtual_printer: { instant: true } },
};

export type ConfigTree = { [key: string]: unknown };

function isTree(value: unknown): value is ConfigTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of config trees (objects merge, everything else replaces). */
export function mergeConfig(base: ConfigTree, extra: ConfigTree): ConfigTree {
  const result: ConfigTree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    result[key] = isTree(current) && isTree(value) ? mergeConfig(current, value) : value;
  }
  return result;
}

export interface SecurityServerOptions {
  /** Settings merged over BASE_CONFIG into config.yaml. */
  config?: ConfigTree;
  /** Files to create in the basedir before start, by relative path. */
  files?: Record<string, string>;
  /** Password hashing cost (default: the cheapest argon2id, TEST_ARGON2). */
  argon2?: Argon2Parameters;
  /** Start on an existing basedir (left in place on close) instead of a new one. */
  basedir?: string;
}

export interface SecurityServer {
  app: App;
  basedir: string;
  port: number;
  /** Moves the server's clock forward (sessions, credentials freshness, remember-me, rate limits). */
  advance(ms: number): void;
  /** Everything the server logged so far (JSON lines, as the product writes them). */
  logText(): string;
  /** The log stream and every file under logs/ (argonaut.log, audit.log, ...). */
  allLogs(): Promise<string>;
  /** Every file below the basedir with its text (for secret greps). */
  basedirFiles(): Array<{ path: string; text: string; mode: number }>;
  close(): Promise<void>;
}

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

export async function startSecurityServer(options: SecurityServerOptions = {}): Promise<SecurityServer> {
  const owned = options.basedir === undefined;
  const basedir = options.basedir ?? mkdtempSync(join(tmpdir(), 'argonaut-security-'));
  if (owned) writeFileSync(join(basedir, 'config.yaml'), stringify(mergeConfig(BASE_CONFIG, options.config ?? {})));
  for (const [path, content] of Object.entries(options.files ?? {})) writeFileSync(join(basedir, path), content);
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ logsDir: join(basedir, 'logs'), level: 'info', console: true, consoleStream: stream });
  let offset = 0;
  const app = await createApp({ basedir, logger, now: () => Date.now() + offset, host: '127.0.0.1', port: 0, argon2: options.argon2 ?? TEST_ARGON2, apiNiceness: 0 });
  const bound = await app.start();
  let closed = false;
  return {
    app,
    basedir,
    port: bound.port,
    advance(ms: number) {
      offset += ms;
    },
    logText: () => chunks.join(''),
    async allLogs() {
      logger.flush();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const files = walk(join(basedir, 'logs')).map((file) => readFileSync(file, 'utf8'));
      return [chunks.join(''), ...files].join('\n');
    },
    basedirFiles() {
      return walk(basedir).map((path) => ({ path, text: readFileSync(path, 'latin1'), mode: statSync(path).mode & 0o777 }));
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.stop();
      if (owned) rmSync(basedir, { recursive: true, force: true });
    },
  };
}

/** Asserts-free liveness probe: the server answers GET /api/currentuser, and how fast. */
export async function probe(port: number, timeoutMs = 5000): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const reply = await send(port, 'GET', '/api/currentuser', { timeoutMs });
  return { status: reply.status, ms: Date.now() - started };
}
