// Test helper: a real pseudo-terminal pair (two linked devices), from the system's socat when present, else from python3's pty module.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The device the server opens as its serial port (a symlink to a /dev/pts/N). */
  readonly printer: string;
  /** The device the firmware process opens. */
  readonly firmware: string;
  /** Which tool made the pair. */
  readonly via: 'socat' | 'python3';
  close(): Promise<void>;
}

/**
 * Two pseudo-terminals whose masters are joined: bytes written to one slave are read from the other. Both slaves are
 * raw and kept open by the relay, so that a side closing and opening again never ends the pair.
 */
const RELAY = `
import os, sys, pty, tty, select
a_master, a_slave = pty.openpty()
b_master, b_slave = pty.openpty()
tty.setraw(a_slave)
tty.setraw(b_slave)
os.symlink(os.ttyname(a_slave), sys.argv[1])
os.symlink(os.ttyname(b_slave), sys.argv[2])
sys.stdout.write("ready\\n")
sys.stdout.flush()
peer = {a_master: b_master, b_master: a_master}
def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]
while True:
    ready, _, _ = select.select([a_master, b_master, sys.stdin.fileno()], [], [])
    if sys.stdin.fileno() in ready and not os.read(sys.stdin.fileno(), 1024):
        break
    for fd in (a_master, b_master):
        if fd in ready:
            write_all(peer[fd], os.read(fd, 65536))
`;

function has(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** Which tool can make a pair here (null: neither, e.g. on Windows); `ARGONAUT_TEST_PTY=python3` tries the fallback. */
export function ptyTool(): 'socat' | 'python3' | null {
  if (process.platform === 'win32') return null;
  if (process.env.ARGONAUT_TEST_PTY !== 'python3' && has('socat', ['-V'])) return 'socat';
  if (has('python3', ['-c', 'import pty, tty, select'])) return 'python3';
  return null;
}

async function until(check: () => boolean, child: ChildProcess, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before the pair was ready`);
    if (Date.now() > end) throw new Error(`${what} did not make the pair in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Makes a pair with its two links in `dir`; `tool` forces one (tests of the fallback). */
export async function openPtyPair(dir: string, tool = ptyTool(), timeoutMs = 10_000): Promise<PtyPair> {
  if (!tool) throw new Error('neither socat nor python3 is available to make a pseudo-terminal pair');
  const printer = join(dir, 'printer');
  const firmware = join(dir, 'firmware');
  const child =
    tool === 'socat'
      ? spawn('socat', [`PTY,raw,echo=0,link=${printer}`, `PTY,raw,echo=0,link=${firmware}`], { stdio: 'ignore' })
      : spawn('python3', ['-c', RELAY, printer, firmware], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await until(() => existsSync(printer) && existsSync(firmware), child, tool, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    printer,
    firmware,
    via: tool,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        if (tool === 'python3') child.stdin?.end();
        else child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
