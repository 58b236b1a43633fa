// A minimal typed event emitter whose subscriptions are Disposables (VS Code's onDid... style).
import type { Disposable } from '../../shared/index.js';

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribes; dispose the result to stop. */
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}
