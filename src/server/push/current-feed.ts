// The `current` and `history` messages: one printer snapshot per tick, the lines and temperatures that arrived
// since each socket's last `current`, serialised once per (since, view) and shared by every socket alike.
import type { Disposable } from '../../shared/index.js';
import { OutgoingMessage } from './outgoing-message.js';
import type { PushDataSource, PushStateSnapshot, TemperaturePoint } from './push-types.js';
import { applyFilter, filterKey } from './subscription.js';
import type { LineFilter } from './subscription.js';

/** What part of the state data one socket sees. */
export interface CurrentView {
  /** MONITOR_TERMINAL: may see the serial log and printer messages. */
  readonly terminal: boolean;
  readonly logs: LineFilter;
  readonly messages: LineFilter;
}

interface TickDelta {
  readonly tick: number;
  readonly changed: boolean;
  readonly temps: readonly TemperaturePoint[];
  readonly logs: readonly string[];
  readonly messages: readonly string[];
}

/** Lines and temperature points kept per tick; beyond that the oldest are dropped. */
const MAX_LINES_PER_TICK = 1000;
const MAX_TEMPS_PER_TICK = 100;

export function viewKey(view: CurrentView): string {
  return view.terminal ? `T|${filterKey(view.logs)}|${filterKey(view.messages)}` : '-';
}

/** Appends, dropping the oldest in batches (shifting one at a time would copy the whole list on every line). */
function pushCapped<T>(list: T[], item: T, cap: number): void {
  list.push(item);
  if (list.length >= cap * 2) list.splice(0, list.length - cap);
}

/** The newest `cap` items of a list filled by {@link pushCapped}. */
function newest<T>(list: T[], cap: number): T[] {
  return list.length > cap ? list.slice(list.length - cap) : list;
}

function stateJson(snapshot: PushStateSnapshot): string {
  return JSON.stringify({
    state: snapshot.state,
    job: snapshot.job,
    currentZ: snapshot.currentZ,
    progress: snapshot.progress,
    offsets: snapshot.offsets,
    resends: snapshot.resends,
    busyFiles: snapshot.busyFiles,
  });
}

export class CurrentFeed {
  private tickNumber = 0;
  private readonly deltas: TickDelta[] = [];
  private pendingTemps: TemperaturePoint[] = [];
  private pendingLogs: string[] = [];
  private pendingMessages: string[] = [];
  private lastState = '';
  private serverTime = 0;
  private readonly cache = new Map<string, OutgoingMessage>();
  private listeners: Disposable[] = [];

  constructor(
    private readonly source: PushDataSource,
    /** Ticks of deltas kept: at least the largest throttle. */
    private readonly keepTicks: number,
    private readonly now: () => number,
  ) {}

  get tick(): number {
    return this.tickNumber;
  }

  get listening(): boolean {
    return this.listeners.length > 0;
  }

  /** Starts collecting lines and temperatures (while some socket wants `current`). */
  start(): void {
    if (this.listening) return;
    this.listeners = [
      this.source.onLog((line) => pushCapped(this.pendingLogs, line, MAX_LINES_PER_TICK)),
      this.source.onTemperature((point) => pushCapped(this.pendingTemps, point, MAX_TEMPS_PER_TICK)),
    ];
    const messages = this.source.onMessage?.((line) => pushCapped(this.pendingMessages, line, MAX_LINES_PER_TICK));
    if (messages) this.listeners.push(messages);
  }

  stop(): void {
    for (const listener of this.listeners) listener.dispose();
    this.listeners = [];
    this.pendingTemps = [];
    this.pendingLogs = [];
    this.pendingMessages = [];
    this.deltas.length = 0;
    this.lastState = '';
  }

  /** Takes the snapshot for a new tick and closes the collected lines into it; returns the tick number. */
  advance(): number {
    this.tickNumber += 1;
    this.cache.clear();
    const state = stateJson(this.source.snapshot());
    const changed =
      state !== this.lastState || this.pendingTemps.length > 0 || this.pendingLogs.length > 0 || this.pendingMessages.length > 0;
    this.lastState = state;
    this.serverTime = this.now() / 1000;
    this.deltas.push({
      tick: this.tickNumber,
      changed,
      temps: newest(this.pendingTemps, MAX_TEMPS_PER_TICK),
      logs: newest(this.pendingLogs, MAX_LINES_PER_TICK),
      messages: newest(this.pendingMessages, MAX_LINES_PER_TICK),
    });
    if (this.deltas.length > this.keepTicks) this.deltas.shift();
    this.pendingTemps = [];
    this.pendingLogs = [];
    this.pendingMessages = [];
    return this.tickNumber;
  }

  /** Whether anything changed in the ticks after `since`. */
  changedSince(since: number): boolean {
    for (let index = this.deltas.length - 1; index >= 0; index -= 1) {
      const delta = this.deltas[index];
      if (!delta || delta.tick <= since) return false;
      if (delta.changed) return true;
    }
    return false;
  }

  /** The `current` message for a socket whose last `current` (or `history`) was at tick `since`. */
  currentMessage(since: number, view: CurrentView): OutgoingMessage {
    const key = `${since}#${viewKey(view)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const temps: TemperaturePoint[] = [];
    const logs: string[] = [];
    const messages: string[] = [];
    for (const delta of this.deltas) {
      if (delta.tick <= since) continue;
      temps.push(...delta.temps);
      if (view.terminal) {
        logs.push(...delta.logs);
        messages.push(...delta.messages);
      }
    }
    const body = this.lastState.slice(0, -1);
    const json =
      `{"current":${body},"serverTime":${this.serverTime},"temps":${JSON.stringify(temps)},` +
      `"logs":${JSON.stringify(applyFilter(view.logs, logs))},"messages":${JSON.stringify(applyFilter(view.messages, messages))}}}`;
    const message = new OutgoingMessage(json);
    this.cache.set(key, message);
    return message;
  }

  /** The `history` message: the state now, the temperature history and recent log lines. */
  async historyMessage(view: CurrentView): Promise<OutgoingMessage> {
    // A driver that cannot answer (it just stopped) gives no history; the state still goes out.
    const none = (): never[] => [];
    const [recent, temps] = await Promise.all([view.terminal ? this.source.recentLogs().catch(none) : [], this.source.temperatureHistory().catch(none)]);
    const body = stateJson(this.source.snapshot()).slice(0, -1);
    const logs = view.terminal ? applyFilter(view.logs, recent) : [];
    const json =
      `{"history":${body},"serverTime":${this.now() / 1000},"temps":${JSON.stringify(temps)},` +
      `"logs":${JSON.stringify(logs)},"messages":[]}}`;
    return new OutgoingMessage(json);
  }
}
