// Progress on the printer's own display: M73 P<percent> R<minutes> and/or M117 <text> at an interval while printing.
import type { Config } from '../config/index.js';
import type { EventBus } from '../events/index.js';
import type { Disposable } from '../shared/index.js';
import { DisposableStore } from '../shared/index.js';
import type { ProgressInfo } from './job-data.js';

/** Never more often than this, whatever the setting says. */
export const MIN_DISPLAY_INTERVAL_MS = 10_000;
const M117_LIMIT = 60;

export type DisplayProgressSettings = Config['plugins']['display_progress'];

/** A clock with timers (the driver's Scheduler fits; tests pass a manual one). */
export interface DisplayClock {
  now(): number;
  setInterval(callback: () => void, ms: number): Disposable;
}

export interface DisplayProgressOptions {
  settings: () => DisplayProgressSettings;
  events: EventBus;
  /** The job's progress as GET /api/job shows it. */
  progress: () => ProgressInfo;
  /** Whether the printer is printing now (not paused). */
  isPrinting: () => boolean;
  /** Sends lines through the driver's command path. */
  send: (lines: string[]) => Promise<void>;
  clock?: DisplayClock;
  onError?: (error: unknown) => void;
}

function systemClock(): DisplayClock {
  return {
    now: () => performance.now(),
    setInterval(callback, ms) {
      const handle = setInterval(callback, ms);
      handle.unref();
      return { dispose: () => clearInterval(handle) };
    },
  };
}

/** Text safe on a G-code line: no comment, checksum or control characters, bounded. */
export function displayText(text: string): string {
  return text
    .replace(/[;*\\\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, M117_LIMIT);
}

/** "1h05m" or "12m", or "?" when unknown. */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const minutes = Math.max(0, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** The lines of one update, or none when neither M73 nor M117 is on. */
export function displayLines(settings: DisplayProgressSettings, progress: ProgressInfo, name: string): string[] {
  const percent = Math.max(0, Math.min(100, Math.floor(progress.completion ?? 0)));
  const lines: string[] = [];
  if (settings.m73) {
    const left = progress.printTimeLeft;
    lines.push(left === null ? `M73 P${percent}` : `M73 P${percent} R${Math.max(0, Math.round(left / 60))}`);
  }
  if (settings.m117) {
    const values: Record<string, string> = { progress: String(percent), timeLeft: formatTimeLeft(progress.printTimeLeft), name };
    const text = displayText(settings.message.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole));
    if (text !== '') lines.push(`M117 ${text}`);
  }
  return lines;
}

export class DisplayProgress {
  private readonly subscriptions = new DisposableStore();
  private timer: Disposable | null = null;
  private lastSent = -Infinity;
  private name = '';
  private readonly clock: DisplayClock;

  constructor(private readonly options: DisplayProgressOptions) {
    this.clock = options.clock ?? systemClock();
    const { events } = options;
    this.subscriptions.add(events.on('PrintStarted', (payload) => this.started(payload.name)));
    for (const name of ['PrintDone', 'PrintFailed', 'PrintCancelled'] as const) this.subscriptions.add(events.on(name, () => this.stopped()));
  }

  private started(name: string): void {
    this.stopped();
    const settings = this.options.settings();
    if (!settings.enabled || (!settings.m73 && !settings.m117)) return;
    this.name = name;
    const every = Math.max(MIN_DISPLAY_INTERVAL_MS, settings.interval * 1000);
    this.timer = this.clock.setInterval(() => this.tick(), every);
  }

  private stopped(): void {
    this.timer?.dispose();
    this.timer = null;
  }

  private tick(): void {
    const settings = this.options.settings();
    if (!settings.enabled) return this.stopped();
    if (!this.options.isPrinting()) return;
    const now = this.clock.now();
    if (now - this.lastSent < MIN_DISPLAY_INTERVAL_MS) return;
    const lines = displayLines(settings, this.options.progress(), this.name);
    if (lines.length === 0) return;
    this.lastSent = now;
    this.options.send(lines).catch((error: unknown) => this.options.onError?.(error));
  }

  dispose(): void {
    this.stopped();
    this.subscriptions.dispose();
  }
}
