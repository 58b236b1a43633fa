// A helper thread that wakes the event loop at a requested time, to within a thread wake-up (Node's timers count whole ms).
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/**
 * The thread sleeps in Atomics.wait (no CPU) until the requested time on the monotonic clock, posts one message, and
 * sleeps again until it is given a new time. Slot 0 is bumped on every change, slot 1 asks it to end. It answers on a
 * port of its own: a listener on the worker's parent port would keep the process from exiting while the thread waits.
 */
const SOURCE = /* js */ `
const { workerData } = require('node:worker_threads');
const { shared, port } = workerData;
const control = new Int32Array(shared, 0, 2);
const due = new Float64Array(shared, 8, 1);
const now = () => Number(process.hrtime.bigint()) / 1e6;
let answered = -1;
while (Atomics.load(control, 1) === 0) {
  const generation = Atomics.load(control, 0);
  const at = due[0];
  if (at > 0 && generation !== answered) {
    const left = at - now();
    if (left > 0) {
      Atomics.wait(control, 0, generation, left);
      continue;
    }
    answered = generation;
    port.postMessage(generation);
  }
  Atomics.wait(control, 0, generation);
}
port.close();
`;

export class WakeThread {
  private readonly control: Int32Array;
  private readonly due: Float64Array;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly exited: Promise<void>;
  private state: 'starting' | 'running' | 'ended' = 'starting';

  /** `onWake` runs on the event loop at (or a thread wake-up after) each requested time; never after stop(). */
  constructor(onWake: () => void) {
    const shared = new SharedArrayBuffer(16);
    this.control = new Int32Array(shared, 0, 2);
    this.due = new Float64Array(shared, 8, 1);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(SOURCE, { eval: true, workerData: { shared, port: port2 }, transferList: [port2] });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('online', () => {
      if (this.state === 'starting') this.state = 'running';
    });
    this.worker.on('error', () => this.end());
    this.worker.on('exit', () => this.end());
    this.port.on('message', () => {
      if (this.state === 'running') onWake();
    });
    // Neither keeps the process alive (whoever waits holds a timer as a backstop); after on('message'), which refs the port.
    this.worker.unref();
    this.port.unref();
  }

  /** True once the thread runs (until then, and after an error, requests are not kept). */
  get running(): boolean {
    return this.state === 'running';
  }

  /** Wakes the event loop at `at` (a performance.now() time), replacing any earlier request. */
  wakeAt(at: number): void {
    // The thread reads process.hrtime; performance.now() drifts from it (about 1 ms a second here), so convert now.
    this.due[0] = at - performance.now() + Number(process.hrtime.bigint()) / 1e6;
    this.bump();
  }

  /** Ends the thread; no wake-up runs afterwards. */
  stop(): void {
    if (this.state === 'ended') return;
    this.end();
    Atomics.store(this.control, 1, 1);
    this.bump();
    // Kept alive until it has ended, so that ended() can be awaited.
    this.worker.ref();
  }

  /** Resolves once the thread has ended. */
  ended(): Promise<void> {
    return this.exited;
  }

  private end(): void {
    this.state = 'ended';
    this.port.close();
  }

  private bump(): void {
    Atomics.add(this.control, 0, 1);
    Atomics.notify(this.control, 0);
  }
}
