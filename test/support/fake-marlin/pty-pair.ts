// A real pseudo-terminal pair for the fake firmware: socat when installed, else @lydell/node-pty, else python3's pty module.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants, existsSync, openSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import { until } from '../until.js';

export type PtyBackend = 'socat' | 'node-pty' | 'python';

/** The firmware's end of the pair: bytes in and out. The device end is `devicePath`, for the host's serial port. */
export interface PtyEnd {
  /** Path the host opens as its serial port: a symlink that stays the same across unplug and replug. */
  readonly devicePath: string;
  readonly backend: PtyBackend;
  write(data: string): void;
  onData(listener: (data: string) => void): void;
  /** Closes the firmware's end: the host's port sees the device go away. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function hasCommand(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** The backends that work on this machine, in order of preference. */
export function availableBackends(): PtyBackend[] {
  const found: PtyBackend[] = [];
  if (process.platform === 'win32') return found;
  if (hasCommand('socat', ['-V'])) found.push('socat');
  try {
    require.resolve(`@lydell/node-pty-${process.platform}-${process.arch}/pty.node`);
    found.push('node-pty');
  } catch {
    // no prebuilt binary for this platform
  }
  if (hasCommand('python3', ['-c', 'import pty, tty, select'])) found.push('python');
  return found;
}

function relink(target: string, link: string): void {
  rmSync(link, { force: true });
  symlinkSync(target, link);
}

function childExited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A readable and writable tty handle on `fd`, as node-pty itself uses for its master. */
function ttyStream(fd: number): ReadStream {
  const stream = new ReadStream(fd);
  stream.setEncoding('latin1');
  stream.on('error', () => {
    // EIO once the other end is gone: the pair is closing.
  });
  return stream;
}

/** socat links two ptys; the firmware opens one, the host the other. Killing socat pulls the plug. */
async function openSocat(dir: string, devicePath: string): Promise<PtyEnd> {
  const firmwarePath = join(dir, 'firmware-end');
  rmSync(firmwarePath, { force: true });
  rmSync(devicePath, { force: true });
  const child = spawn('socat', [`pty,raw,echo=0,link=${firmwarePath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
  await until(() => existsSync(firmwarePath) && existsSync(devicePath), 'socat to create its ptys', 5000);
  const stream = ttyStream(openSync(firmwarePath, constants.O_RDWR | constants.O_NOCTTY));
  return {
    devicePath,
    backend: 'socat',
    write: (data) => void stream.write(data, 'latin1'),
    onData: (listener) => void stream.on('data', listener),
    async close() {
      child.kill('SIGTERM');
      await childExited(child);
      stream.destroy();
    },
  };
}

interface NativePty {
  open(cols: number, rows: number): { master: number; slave: number; pty: string };
}

/** node-pty's openpty: the firmware keeps the master, the host opens the slave (through the symlink). */
async function openNodePty(devicePath: string): Promise<PtyEnd> {
  const native = require(`@lydell/node-pty-${process.platform}-${process.arch}/pty.node`) as NativePty;
  const pair = native.open(80, 24);
  // The slave stays open here, in raw mode and never read: so the master never sees a hang-up between two opens
  // by the host, and nothing the firmware writes is echoed back before the host sets its own mode.
  const slave = new ReadStream(pair.slave);
  slave.setRawMode(true);
  slave.pause();
  const master = ttyStream(pair.master);
  relink(pair.pty, devicePath);
  return {
    devicePath,
    backend: 'node-pty',
    write: (data) => void master.write(data, 'latin1'),
    onData: (listener) => void master.on('data', listener),
    async close() {
      // As a USB device's node, the path goes away with the device (the pts number may soon serve another pty).
      rmSync(devicePath, { force: true });
      slave.destroy();
      master.destroy();
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

/** python3 opens the pair and relays the master to its stdin and stdout. */
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

async function openPython(devicePath: string): Promise<PtyEnd> {
  const child = spawn('python3', ['-c', RELAY], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  await until(() => stderr.includes('\n') || child.exitCode !== null, 'python3 to open a pty', 5000);
  const ptyPath = stderr.split('\n')[0]?.trim() ?? '';
  if (!ptyPath.startsWith('/dev/')) throw new Error(`python3 pty relay failed: ${stderr}`);
  relink(ptyPath, devicePath);
  child.stdout.setEncoding('latin1');
  child.stdin.on('error', () => undefined);
  return {
    devicePath,
    backend: 'python',
    write: (data) => void child.stdin.write(data, 'latin1'),
    onData: (listener) => void child.stdout.on('data', listener),
    async close() {
      rmSync(devicePath, { force: true });
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await childExited(child);
      clearTimeout(timer);
    },
  };
}

/** Opens a pair with the backend, the device end reachable at `dir/device`. */
export function openPtyPair(backend: PtyBackend, dir: string): Promise<PtyEnd> {
  const devicePath = join(dir, 'device');
  if (backend === 'socat') return openSocat(dir, devicePath);
  if (backend === 'node-pty') return openNodePty(devicePath);
  return openPython(devicePath);
}
