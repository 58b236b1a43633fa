// Runs the argonaut CLI from source in a child process, for CLI and loopback tests.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const entry = ['--import', 'tsx', 'src/cli/main.ts'];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningServer {
  process: ChildProcess;
  port: number;
  baseUrl: string;
  output(): string;
  /** Sends SIGTERM and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `argonaut serve` on a free port and waits for its "listening" line: from the TypeScript sources, or as a
 * user runs it (`bin/argonaut.js`, the bundle `npm test` builds first).
 */
export function startServer(basedir: string, extraArgs: string[] = [], timeoutMs = 90_000, from: 'sources' | 'bundle' = 'sources'): Promise<RunningServer> {
  const command = from === 'bundle' ? ['bin/argonaut.js'] : entry;
  const child = spawn(process.execPath, [...command, 'serve', '--basedir', basedir, '--host', '127.0.0.1', '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const port = Number(match[1]);
        resolve({
          process: child,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          output: () => output,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}
