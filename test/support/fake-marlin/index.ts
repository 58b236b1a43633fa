// startFakeMarlin: a fake Marlin firmware in its own process on a real pseudo-terminal, for tests of the real serial path.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message, ProcessOptions, Request } from './main.js';
import type { FaultRates, MarlinOptions } from './marlin.js';
import { availableBackends } from './pty-pair.js';
import type { PtyBackend } from './pty-pair.js';

export type { FaultRates, MarlinOptions, PtyBackend };
export { NO_FAULTS } from './marlin.js';
export { availableBackends };

export interface FakeMarlinOptions extends MarlinOptions {
  /** Which pty to use; default $FAKE_MARLIN_PTY, else the first available (socat, then @lydell/node-pty, then python3). */
  backend?: PtyBackend;
}

export interface FakeMarlinHandle {
  /** The device to open as the serial port (a symlink that survives unplug/replug). */
  readonly path: string;
  readonly backend: PtyBackend;
  /** Every command the firmware accepted (valid line number and checksum), in order, without N and checksum. */
  accepted(): Promise<string[]>;
  /** Forgets the accepted commands so far. */
  clearAccepted(): Promise<void>;
  /** Replaces the fault rates (unset ones become 0), optionally reseeding the generator. */
  setFaults(faults: Partial<FaultRates>, seed?: number): Promise<void>;
  /** The device disappears: the pty closes under the host. */
  unplug(): Promise<void>;
  /** The device comes back (a fresh boot with its banner) at the same path. */
  replug(): Promise<void>;
  /** Ends the process and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** A request without its id (Omit on each member of the union). */
type Call = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Starts the fake firmware process and waits until its pty is ready. */
export async function startFakeMarlin(options: FakeMarlinOptions = {}): Promise<FakeMarlinHandle> {
  const chosen = process.env.FAKE_MARLIN_PTY;
  if (chosen !== undefined && !['socat', 'node-pty', 'python'].includes(chosen)) throw new Error(`FAKE_MARLIN_PTY must be socat, node-pty or python, not ${chosen}`);
  const backend = options.backend ?? (chosen as PtyBackend | undefined) ?? availableBackends()[0];
  if (!backend) throw new Error('No pseudo-terminal available: install socat, or run npm ci for @lydell/node-pty, or python3');
  const dir = mkdtempSync(join(tmpdir(), 'fake-marlin-'));
  const processOptions: ProcessOptions = { ...options, backend, dir };
  const child = fork(MAIN, [JSON.stringify(processOptions)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<number, (reply: unknown) => void>();
  let nextId = 1;
  const ready = new Promise<{ path: string; backend: PtyBackend }>((resolve, reject) => {
    child.on('message', (message: Message) => {
      if ('id' in message) {
        waiting.get(message.id)?.(message.reply);
        waiting.delete(message.id);
      } else if (message.type === 'ready') resolve(message);
      else reject(new Error(`fake Marlin failed to start: ${message.error}`));
    });
    void exited.then(() => reject(new Error('fake Marlin exited before it was ready')));
  });
  void exited.then(() => {
    for (const reply of waiting.values()) reply({ error: 'fake Marlin exited' });
    waiting.clear();
  });
  const call = async <T>(request: Call): Promise<T> => {
    const id = nextId++;
    const reply = await new Promise<unknown>((resolve) => {
      waiting.set(id, resolve);
      child.send({ ...request, id } as Request);
    });
    if (reply && typeof reply === 'object' && 'error' in reply) throw new Error(String((reply as { error: unknown }).error));
    return reply as T;
  };
  let started: { path: string; backend: PtyBackend };
  try {
    started = await ready;
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    path: started.path,
    backend: started.backend,
    accepted: () => call<string[]>({ type: 'accepted' }),
    clearAccepted: () => call<void>({ type: 'clear' }),
    setFaults: (faults, seed) => call<void>({ type: 'set-faults', faults, seed }),
    unplug: () => call<void>({ type: 'unplug' }),
    replug: async () => {
      await call<string>({ type: 'replug' });
    },
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await call<void>({ type: 'stop' }).catch(() => undefined);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
