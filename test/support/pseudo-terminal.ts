// Test helper: exposes a Transport (e.g. the virtual printer) on a real pseudo-terminal, relayed by python3's pty module.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Transport } from '../../src/printer/transport/index.js';

/**
 * Opens a pty pair, keeps the slave open (so the master never sees EIO between serial opens), prints the
 * slave's path on stderr, then copies bytes master -> stdout and stdin -> master until stdin closes.
 */
const RELAY = `
import os, sys, pty, tty, select
master, slave = pty.openpty()
tty.setraw(slave)
sys.stderr.write(os.ttyname(slave) + "\\n")
sys.stderr.flush()
out = sys.stdout.fileno()
inp = sys.stdin.fileno()
def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]
while True:
    ready, _, _ = select.select([master, inp], [], [])
    if master in ready:
        data = os.read(master, 65536)
        if data:
            write_all(out, data)
    if inp in ready:
        data = os.read(inp, 65536)
        if not data:
            break
        write_all(master, data)
`;

export interface PseudoTerminal {
  /** The device path to open as a serial port, e.g. `/dev/pts/7`. */
  readonly path: string;
  /** Closes the transport and stops the relay. */
  close(): Promise<void>;
}

/** True when python3 can run the relay (its pty module is in the standard library). */
export function pseudoTerminalAvailable(): boolean {
  if (process.platform === 'win32') return false;
  const probe = spawnSync('python3', ['-c', 'import pty, tty, select'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0;
}

function firstLine(child: ChildProcessWithoutNullStreams, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      cleanup();
      resolve(buffer.slice(0, end).trim());
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`pty relay exited (${code}) before reporting its path: ${buffer}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('pty relay did not report its path in time'));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    };
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

/** Opens `transport` and serves it on a new pseudo-terminal: what is written to the pty reaches it line by line. */
export async function servePseudoTerminal(transport: Transport, timeoutMs = 5000): Promise<PseudoTerminal> {
  const child = spawn('python3', ['-c', RELAY], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let path: string;
  try {
    path = await firstLine(child, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  await transport.open();
  const toPty = transport.onLine((line) => {
    if (child.stdin.writable) child.stdin.write(`${line}\n`);
  });
  let pending = '';
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let end = pending.indexOf('\n');
    while (end >= 0) {
      const line = pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
      transport.write(line);
      end = pending.indexOf('\n');
    }
  });
  let closing: Promise<void> | undefined;
  return {
    path,
    close() {
      closing ??= (async () => {
        toPty.dispose();
        await transport.close();
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
