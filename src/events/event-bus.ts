// Typed event bus: services emit OctoPrint-named events, the push socket and others listen.
import type { Disposable } from '../shared/index.js';
import type { EventName, EventPayloads } from './event-types.js';

type Handler<K extends EventName> = (payload: EventPayloads[K], name: K) => void;
type AnyHandler = <K extends EventName>(name: K, payload: EventPayloads[K]) => void;

export class EventBus {
  private readonly handlers = new Map<EventName, Set<Handler<EventName>>>();
  private readonly anyHandlers = new Set<AnyHandler>();

  /**
   * `onHandlerError` hears of a handler that threw (the server logs it); without it the error is thrown again in a
   * microtask, as an uncaught exception, so that tests notice it.
   */
  constructor(private readonly onHandlerError?: (error: unknown, name: EventName) => void) {}

  /** Listens to one event; dispose the result to stop. */
  on<K extends EventName>(name: K, handler: Handler<K>): Disposable {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler as Handler<EventName>);
    return { dispose: () => set.delete(handler as Handler<EventName>) };
  }

  /** Listens to every event. */
  onAny(handler: AnyHandler): Disposable {
    this.anyHandlers.add(handler);
    return { dispose: () => this.anyHandlers.delete(handler) };
  }

  /** Waits for the next event of that name (tests, scripts). */
  once<K extends EventName>(name: K, timeoutMs = 30_000): Promise<EventPayloads[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`Timed out waiting for the event ${name}`));
      }, timeoutMs);
      const subscription = this.on(name, (payload) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(payload);
      });
    });
  }

  /** Delivers the event synchronously; a failing handler does not stop the others. */
  emit<K extends EventName>(name: K, payload: EventPayloads[K]): void {
    const set = this.handlers.get(name);
    if (set) {
      for (const handler of [...set]) this.safely(name, () => handler(payload as EventPayloads[EventName], name));
    }
    for (const handler of [...this.anyHandlers]) this.safely(name, () => handler(name, payload));
  }

  private safely(name: EventName, call: () => void): void {
    try {
      call();
    } catch (error) {
      if (this.onHandlerError) {
        this.onHandlerError(error, name);
        return;
      }
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
