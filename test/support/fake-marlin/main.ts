// The fake Marlin process: opens a pty pair, plays Marlin on its end, and obeys its parent over the IPC channel.
import { performance } from 'node:perf_hooks';
import { FakeMarlin } from './marlin.js';
import type { FaultRates, MarlinOptions } from './marlin.js';
import { openPtyPair } from './pty-pair.js';
import type { PtyBackend, PtyEnd } from './pty-pair.js';

export interface ProcessOptions extends MarlinOptions {
  backend: PtyBackend;
  /** Folder for the device symlink. */
  dir: string;
}

export type Request =
  | { id: number; type: 'accepted' }
  | { id: number; type: 'clear' }
  | { id: number; type: 'set-faults'; faults: Partial<FaultRates>; seed?: number }
  | { id: number; type: 'unplug' }
  | { id: number; type: 'replug' }
  | { id: number; type: 'stop' };

export type Message = { type: 'ready'; path: string; backend: PtyBackend } | { type: 'failed'; error: string } | { id: number; reply: unknown };

/** Runs the process: everything lives in this closure (no module state). */
function main(options: ProcessOptions): void {
  const tell = (message: Message) => process.send?.(message);
  let end: PtyEnd | null = null;

  const marlin = new FakeMarlin(
    {
      write: (data) => end?.write(data),
      now: () => performance.now(),
      setTimeout: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return { cancel: () => clearTimeout(timer) };
      },
    },
    options,
  );

  async function plug(): Promise<PtyEnd> {
    const opened = await openPtyPair(options.backend, options.dir);
    opened.onData((data) => marlin.receive(data));
    end = opened;
    marlin.boot();
    return opened;
  }

  async function unplug(): Promise<void> {
    marlin.halt();
    const closing = end;
    end = null;
    await closing?.close();
  }

  async function answer(request: Request): Promise<unknown> {
    switch (request.type) {
      case 'accepted':
        return marlin.accepted;
      case 'clear':
        marlin.accepted.length = 0;
        return null;
      case 'set-faults':
        marlin.setFaults(request.faults, request.seed);
        return null;
      case 'unplug':
        await unplug();
        return null;
      case 'replug':
        if (!end) await plug();
        return end?.devicePath;
      case 'stop':
        await unplug();
        setImmediate(() => process.exit(0));
        return null;
    }
  }

  process.on('message', (request: Request) => {
    answer(request).then(
      (reply) => tell({ id: request.id, reply }),
      (error: unknown) => tell({ id: request.id, reply: { error: String(error) } }),
    );
  });
  // The parent went away (a test crashed): do not linger.
  process.on('disconnect', () => void unplug().finally(() => process.exit(0)));

  plug().then(
    (opened) => tell({ type: 'ready', path: opened.devicePath, backend: opened.backend }),
    (error: unknown) => {
      tell({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
}

main(JSON.parse(process.argv[2] ?? '{}') as ProcessOptions);
