// Messages between the web server and its driver launcher thread (see driver-launcher-worker.ts).
import type { MessagePort } from 'node:worker_threads';
import type { Call, DriverCalls } from './driver-contract.js';

/** Fork the driver entry `file`; its messages come and go over `port`. */
export interface LaunchRequest {
  file: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
  port: MessagePort;
}

/** From the web server to one launched process. */
export type ToLaunched = { type: 'send'; call: Call<DriverCalls> } | { type: 'disconnect' } | { type: 'kill' };

/** From one launched process to the web server. */
export type FromLaunched =
  | { type: 'started'; pid: number | null }
  | { type: 'messages'; messages: unknown }
  | { type: 'error'; message: string }
  | { type: 'exit'; code: number | null; signal: NodeJS.Signals | null };
