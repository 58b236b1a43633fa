// A minimal typed event emitter whose subscriptions are Disposables (VS Code's onDid... style).
import type { Disposable } from '../../shared/index.js';

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** With `onListenerError`, a listener that throws is reported there and the others still run. */
  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  /** Subscribes; dispose the result to stop. */
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  fire(value: T): void {
    const report = this.onListenerError;
    if (!report) {
      for (const listener of [...this.listeners]) listener(value);
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        report(error);
      }
    }
  }
}
