// Live printer state built from the push socket's `history` and `current` messages.
import type { JobInfo, JobProgress, PrinterStateText, PushState, TemperaturePoint } from '../api/types.js';
import { keepIfEqual } from '../lib/equality.js';
import { createStore } from '../lib/store.js';
import type { Store } from '../lib/store.js';
import { outcomeOfEvent } from './print-outcome.js';
import type { PrintOutcome } from './print-outcome.js';

export interface PrinterState {
  /** False until the first `history` message. */
  known: boolean;
  state: PrinterStateText;
  job: JobInfo | null;
  progress: JobProgress | null;
  currentZ: number | null;
  temps: TemperaturePoint[];
  logs: string[];
  /** How the last print that ended while the page was open ended; null before, and again once a new one starts. */
  outcome: PrintOutcome | null;
  /** The last completion seen while a print was running (what "Cancelled at 11 %" names). */
  activeCompletion: number | null;
  /** Bumped on every update, so views can tell a new message from an old one. */
  revision: number;
}

const MAX_LOG_LINES = 1000;
const MAX_TEMPERATURE_POINTS = 1800;

const OFFLINE: PrinterStateText = {
  text: 'Offline',
  error: null,
  flags: {
    operational: false,
    printing: false,
    cancelling: false,
    pausing: false,
    resuming: false,
    finishing: false,
    closedOrError: true,
    error: false,
    paused: false,
    ready: false,
    sdReady: false,
  },
};

export function initialPrinterState(): PrinterState {
  return { known: false, state: OFFLINE, job: null, progress: null, currentZ: null, temps: [], logs: [], outcome: null, activeCompletion: null, revision: 0 };
}

function tail<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}

/**
 * Applies one push message; `history` replaces the buffers, `current` appends to them. State, job and progress
 * keep their previous objects when unchanged (a message with only new log lines changes only `logs`).
 */
export function applyPushMessage(previous: PrinterState, type: string, payload: unknown): PrinterState {
  if (type === 'event') return applyEvent(previous, payload);
  if ((type !== 'history' && type !== 'current') || !payload || typeof payload !== 'object') return previous;
  const message = payload as Partial<PushState>;
  const replace = type === 'history';
  const temps = message.temps ?? [];
  const logs = message.logs ?? [];
  // Parts with the same content keep their old object, so a selector comparing them sees no change.
  const state = keepIfEqual(previous.state, message.state ?? previous.state);
  const progress = keepIfEqual(previous.progress, message.progress ?? previous.progress);
  const running = state.flags.printing || state.flags.paused || state.flags.pausing || state.flags.cancelling;
  return {
    known: true,
    outcome: previous.outcome,
    activeCompletion: running && typeof progress?.completion === 'number' ? progress.completion : previous.activeCompletion,
    state,
    job: keepIfEqual(previous.job, message.job ?? previous.job),
    progress,
    currentZ: message.currentZ ?? previous.currentZ,
    temps: replace ? tail(temps, MAX_TEMPERATURE_POINTS) : temps.length ? tail([...previous.temps, ...temps], MAX_TEMPERATURE_POINTS) : previous.temps,
    logs: replace ? tail(logs, MAX_LOG_LINES) : logs.length ? tail([...previous.logs, ...logs], MAX_LOG_LINES) : previous.logs,
    revision: previous.revision + 1,
  };
}

/** A print's end (or start) event sets or clears the outcome; other events change nothing. */
function applyEvent(previous: PrinterState, payload: unknown): PrinterState {
  const event = payload as { type?: unknown; payload?: unknown } | null;
  if (typeof event?.type !== 'string') return previous;
  const outcome = outcomeOfEvent(event.type, event.payload, previous.activeCompletion);
  if (outcome === undefined || (outcome === null && previous.outcome === null && previous.activeCompletion === null)) return previous;
  return { ...previous, outcome, activeCompletion: outcome === null ? null : previous.activeCompletion, revision: previous.revision + 1 };
}

export interface PrinterStateStore extends Store<PrinterState> {
  apply(type: string, payload: unknown): void;
}

export function createPrinterState(): PrinterStateStore {
  const store = createStore(initialPrinterState());
  return { ...store, apply: (type, payload) => store.update((previous) => applyPushMessage(previous, type, payload)) };
}
