// Starts the real server (`argonaut serve`, compiled) on loopback with a temporary basedir, for the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repoRoot, 'bin', 'argonaut.js');

export interface BenchServer {
  pid: number;
  port: number;
  baseUrl: string;
  basedir: string;
  apiKey: string | null;
  /** Milliseconds from spawn to the first answer of /api/version. */
  startupMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function freshBasedir(config: string): string {
  const basedir = mkdtempSync(join(tmpdir(), 'argonaut-bench-'));
  writeFileSync(join(basedir, 'config.yaml'), config);
  return basedir;
}

/** Creates an admin and an API key through the CLI, if the CLI has the user commands. */
export function createAdminKey(basedir: string): string | null {
  const add = spawnSync(process.execPath, [bin, 'user', 'add', 'bench', '--password', 'bench-password-1', '--admin', '--basedir', basedir], { encoding: 'utf8' });
  if (add.status !== 0) return null;
  const key = spawnSync(process.execPath, [bin, 'user', 'apikey', 'bench', '--basedir', basedir], { encoding: 'utf8' });
  return key.status === 0 ? key.stdout.trim() : null;
}

async function waitForAnswer(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`no answer from ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export async function startBenchServer(basedir: string, port: number, apiKey: string | null): Promise<BenchServer> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--basedir', basedir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForAnswer(`${baseUrl}/api/version`, Date.now() + 90_000).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${errors}`);
  });
  const startupMs = performance.now() - started;
  return {
    pid: child.pid ?? 0,
    port,
    baseUrl,
    basedir,
    apiKey,
    startupMs,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function removeBasedir(basedir: string): void {
  rmSync(basedir, { recursive: true, force: true });
}
