// Runs a configured command line as a child process without a shell, collecting its exit code and output.
import { spawn } from 'node:child_process';
import { splitCommandLine } from './command-line.js';

export interface CommandResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first bytes of stdout and stderr, for the log. */
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export class CommandStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CommandStartError';
  }
}

const OUTPUT_LIMIT = 16 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

function collector(): { push(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk) {
      if (size >= OUTPUT_LIMIT) return;
      chunks.push(chunk.subarray(0, OUTPUT_LIMIT - size));
      size += chunk.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/**
 * Runs the command (split by splitCommandLine; throws CommandLineError before starting anything when it needs a
 * shell). Resolves when it ends; rejects with CommandStartError when it cannot be started (e.g. not found).
 */
export function runCommand(commandLine: string, options: { timeoutMs?: number; cwd?: string } = {}): Promise<CommandResult> {
  return runArgv(splitCommandLine(commandLine), options);
}

/** Runs argv (program and its arguments, passed as they are, no shell); resolves and rejects as runCommand does. */
export function runArgv(argv: readonly string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined || file === '') return Promise.reject(new CommandStartError('could not be started: the command is empty'));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, cwd: options.cwd });
    const stdout = collector();
    const stderr = collector();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new CommandStartError(`could not be started: ${(error as NodeJS.ErrnoException).code ?? error.message}`, { cause: error }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: stdout.text(), stderr: stderr.text(), timedOut });
    });
  });
}
