// What the push socket needs from the rest of the system: printer data, socket authentication, limits.
import type { Identity } from '../../auth/index.js';
import type { Disposable } from '../../shared/index.js';

/** One temperature point (`{time, tool0: {actual, target}, bed: {...}}`), time in epoch seconds. */
export type TemperaturePoint = { readonly time: number } & Readonly<Record<string, unknown>>;

/** A file that is selected or printing (push `busyFiles`). */
export interface BusyFile {
  readonly origin: string;
  readonly path: string;
}

/**
 * The state part shared by `current` and `history` (OctoPrint's `printer/standard.py` data):
 * `state {text, flags, error}`, `job`, `progress`, `currentZ`, `offsets`, `resends`, `busyFiles`.
 * Objects are passed through as they are (they must be JSON-serialisable).
 */
export interface PushStateSnapshot {
  readonly state: object;
  readonly job: object;
  readonly progress: object;
  readonly currentZ: number | null;
  readonly offsets: Readonly<Record<string, number>>;
  readonly resends: { readonly count: number; readonly transmitted: number; readonly ratio: number };
  readonly busyFiles: readonly BusyFile[];
}

/** The printer and job side of the socket. Listeners are called synchronously and must stay cheap. */
export interface PushDataSource {
  snapshot(): PushStateSnapshot;
  /** Temperature history for `history`, oldest first (fetched from the driver when a socket needs it). */
  temperatureHistory(): Promise<readonly TemperaturePoint[]>;
  /** Recent terminal lines for `history`, oldest first (fetched likewise). */
  recentLogs(): Promise<readonly string[]>;
  /** Each line of the serial log (`Send: ...`, `Recv: ...`). */
  onLog(listener: (line: string) => void): Disposable;
  /** Each special printer message (the `messages` list), when the printer side tells them apart. */
  onMessage?(listener: (line: string) => void): Disposable;
  /** Each new temperature point. */
  onTemperature(listener: (point: TemperaturePoint) => void): Disposable;
}

/** Why a socket must authenticate again (`reauthRequired.reason`). */
export type ReauthReason = 'stale' | 'logout' | 'removed' | 'modified';

/** Validates the `{"auth": "<user>:<session>"}` message against login sessions. */
export interface SocketAuthenticator {
  /** The identity of that login session, or null when the session is unknown, stale or not that user's. */
  validate(userName: string, sessionToken: string): Identity | null | Promise<Identity | null>;
  /** Keeps the session alive (an authenticated socket calls this every keep-alive interval). */
  touch(userName: string, sessionToken: string): void;
  /** The identity of a socket that has not authenticated (the guest, with the guest group's permissions). */
  guest(): Identity;
  /** Optional: told when sessions end or their rights change, so sockets can be told at once. */
  onSessionChange?(listener: (change: SocketSessionChange) => void): Disposable;
}

/** Sessions that ended or changed. */
export interface SocketSessionChange {
  /** The user concerned; null means unauthenticated sockets (the guests' rights changed). */
  readonly userName: string | null;
  /** The `session` tokens concerned; empty means every session of that user. */
  readonly tokens: readonly string[];
  readonly reason: ReauthReason;
}

/** Limits that protect the server from one client. Every violation disconnects that client. */
export interface PushLimits {
  /** Largest message a client may send (a websocket frame, one xhr_send body), in bytes. */
  maxMessageBytes: number;
  /** A socket that cannot see anything yet (no STATUS) is closed if it has not authenticated by then (ms). */
  authDeadlineMs: number;
  /** Messages a client may send per second, sustained. */
  messagesPerSecond: number;
  /** Messages a client may send in one burst. */
  messageBurst: number;
  /** Open push connections in total (raw websockets and SockJS sessions). */
  maxConnections: number;
  /** Open push connections from one client address. */
  maxConnectionsPerAddress: number;
  /** Bytes waiting to be written to one client before it counts as too slow and is dropped. */
  maxBufferedBytes: number;
  /** Messages held back for a socket until it authenticates. */
  unauthedBacklog: number;
}

/** Timings of the SockJS protocol and the `current` feed. */
export interface PushTimings {
  /** Base interval of `current` messages (OctoPrint: 500 ms, times the client's throttle). */
  currentIntervalMs: number;
  /** SockJS heartbeat (and websocket ping) interval. */
  heartbeatMs: number;
  /** How long a SockJS xhr session lives without a receiving request. */
  disconnectDelayMs: number;
  /** Bytes an xhr-streaming response carries before the client is asked to open a new one. */
  streamingResponseLimit: number;
  /** How often an authenticated socket touches (and re-checks) its login session. */
  keepAliveMs: number;
  /** Websocket writes this close after the previous one are joined into one system call (0: never). */
  coalesceMs: number;
}

export const DEFAULT_LIMITS: PushLimits = {
  maxMessageBytes: 64 * 1024,
  authDeadlineMs: 60_000,
  messagesPerSecond: 10,
  messageBurst: 50,
  maxConnections: 500,
  maxConnectionsPerAddress: 150,
  maxBufferedBytes: 4 * 1024 * 1024,
  unauthedBacklog: 100,
};

export const DEFAULT_TIMINGS: PushTimings = {
  currentIntervalMs: 500,
  heartbeatMs: 25_000,
  disconnectDelayMs: 5_000,
  streamingResponseLimit: 128 * 1024,
  keepAliveMs: 60_000,
  coalesceMs: 100,
};

/** Largest accepted `{"throttle": n}` (n × 500 ms = one minute). */
export const MAX_THROTTLE = 120;
