// Starts one of the bare node:http baselines (bare-servers.mjs) as its own process, for comparisons in the same run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BareServer {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./bare-servers.mjs', import.meta.url));

/** `upload DIR` (writes bodies to DIR, fsync, rename) or `version BODY` (answers BODY to every request). */
export async function startBareServer(mode: 'upload' | 'version', argument: string): Promise<BareServer> {
  const child = spawn(process.execPath, [script, mode, argument], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bare ${mode} server exited with ${code}`)));
  });
  return {
    pid: child.pid ?? 0,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
