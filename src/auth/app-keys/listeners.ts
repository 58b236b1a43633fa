// A set of listeners that one failing listener cannot break.
import { toDisposable } from '../../shared/index.js';
import type { Disposable } from '../../shared/index.js';

export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(
    private readonly what: string,
    private readonly warn?: (message: string) => void,
  ) {}

  add(listener: (value: T) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.warn?.(`A listener for ${this.what} failed: ${(error as Error).message}`);
      }
    }
  }
}
