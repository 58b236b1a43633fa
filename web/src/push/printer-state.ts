// Live printer state built from the push socket's `history` and `current` messages.
import type { JobInfo, JobProgress, PrinterStateText, PushState, TemperaturePoint } from '../api/types.js';
import { createStore } from '../lib/store.js';
import type { Store } from '../lib/store.js';

export interface PrinterState {
  /** False until the first `history` message. */
  known: boolean;
  state: PrinterStateText;
  job: JobInfo | null;
  progress: JobProgress | null;
  currentZ: number | null;
  temps: TemperaturePoint[];
  logs: string[];
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
  return { known: false, state: OFFLINE, job: null, progress: null, currentZ: null, temps: [], logs: [], revision: 0 };
}

function tail<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}

/** Applies one push message; `history` replaces the buffers, `current` appends to them. */
export function applyPushMessage(previous: PrinterState, type: string, payload: unknown): PrinterState {
  if ((type !== 'history' && type !== 'current') || !payload || typeof payload !== 'object') return previous;
  const message = payload as Partial<PushState>;
  const replace = type === 'history';
  const temps = message.temps ?? [];
  const logs = message.logs ?? [];
  return {
    known: true,
    state: message.state ?? previous.state,
    job: message.job ?? previous.job,
    progress: message.progress ?? previous.progress,
    currentZ: message.currentZ ?? previous.currentZ,
    temps: replace ? tail(temps, MAX_TEMPERATURE_POINTS) : temps.length ? tail([...previous.temps, ...temps], MAX_TEMPERATURE_POINTS) : previous.temps,
    logs: replace ? tail(logs, MAX_LOG_LINES) : logs.length ? tail([...previous.logs, ...logs], MAX_LOG_LINES) : previous.logs,
    revision: previous.revision + 1,
  };
}

export interface PrinterStateStore extends Store<PrinterState> {
  apply(type: string, payload: unknown): void;
}

export function createPrinterState(): PrinterStateStore {
  const store = createStore(initialPrinterState());
  return { ...store, apply: (type, payload) => store.update((previous) => applyPushMessage(previous, type, payload)) };
}
