// The receiving end of contract calls: runs `target[method](...args)` and answers with the value or the error.
import { isArgonautError } from '../../shared/index.js';
import type { Call, CallError, CallTarget } from './driver-contract.js';

export interface CallHostOptions {
  /** Runs before each reply goes out (the driver side posts its state first, so a reply never overtakes it). */
  beforeReply?(): void;
  reply(id: number, value: unknown, error: CallError | undefined): void;
}

/** What a thrown value says to the caller: an ArgonautError keeps its code. */
export function callError(error: unknown): CallError {
  return { code: isArgonautError(error) ? error.code : null, message: error instanceof Error ? error.message : String(error) };
}

/** Runs each call on `target`; a method that throws or rejects answers with its error. */
export class CallHost<C extends CallTarget<C>> {
  constructor(
    private readonly target: C,
    private readonly options: CallHostOptions,
  ) {}

  async handle<M extends keyof C>(call: Call<C, M>): Promise<void> {
    let value: unknown;
    let error: CallError | undefined;
    try {
      value = await this.target[call.method](...call.args);
    } catch (thrown) {
      error = callError(thrown);
    }
    this.options.beforeReply?.();
    this.options.reply(call.id, value ?? null, error);
  }
}
