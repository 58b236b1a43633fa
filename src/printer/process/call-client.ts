// The calling end of the contract: `call(method, ...args)` sends `{id, method, args}` and settles with the typed reply.
import { ArgonautError } from '../../shared/index.js';
import type { Call, CallArgs, CallError, CallReply } from './driver-contract.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

/** The error a failed call rejects with: the driver's own, code and message kept. */
export function errorOfReply(error: CallError): Error {
  return error.code ? new ArgonautError(error.code, error.message) : new Error(error.message);
}

export interface CallClientOptions<C> {
  /** Sends a call; throws (or rejects the call by `fail`) when there is nobody to send it to. */
  send(call: Call<C>): void;
  /** The first call is waiting (true), or the last one was answered (false). */
  onWaiting?(waiting: boolean): void;
  /** Milliseconds a call may wait for its reply before it fails as unavailable; null: as long as it takes. */
  timeoutMs?(method: keyof C): number | null;
}

export class CallClient<C> {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: CallClientOptions<C>) {}

  /** Runs `method` on the other side; resolves with what it returns, rejects with the error it throws. */
  call<M extends keyof C>(method: M, ...args: CallArgs<C, M>): Promise<CallReply<C, M>> {
    const id = this.nextId++;
    return new Promise<CallReply<C, M>>((resolve, reject) => {
      if (this.pending.size === 0) this.options.onWaiting?.(true);
      // The reply crossed a process boundary: it is what the method returned, as the contract says.
      const pending: Pending = { resolve: (value) => resolve(value as CallReply<C, M>), reject };
      this.pending.set(id, pending);
      const timeoutMs = this.options.timeoutMs?.(method) ?? null;
      if (timeoutMs !== null) {
        pending.timer = setTimeout(() => this.expire(id, String(method), timeoutMs), timeoutMs);
      }
      // One call of the union: TypeScript cannot narrow a generic M to its member by itself.
      const call = { id, method, args } as Call<C>;
      try {
        this.options.send(call);
      } catch (error) {
        // Nobody to send it to: the call fails with that error as it is (its code kept).
        clearTimeout(pending.timer);
        this.pending.delete(id);
        if (this.pending.size === 0) this.options.onWaiting?.(false);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Settles the call `id` with its reply. */
  settle(id: number, value: unknown, error: CallError | undefined): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.options.onWaiting?.(false);
    if (error) pending.reject(errorOfReply(error));
    else pending.resolve(value);
  }

  /** Every waiting call fails with `error` (the other side is gone). */
  failAll(error: Error): void {
    const pending = [...this.pending.values()];
    if (pending.length > 0) this.options.onWaiting?.(false);
    this.pending.clear();
    for (const call of pending) {
      clearTimeout(call.timer);
      call.reject(error);
    }
  }

  /** No reply in time: the call fails as unavailable (a reply that comes later is ignored). */
  private expire(id: number, method: string, timeoutMs: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.options.onWaiting?.(false);
    pending.reject(new ArgonautError('unavailable', `The printer driver did not answer (${method}) within ${timeoutMs / 1000} seconds`));
  }
}
