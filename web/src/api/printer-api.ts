// Connection, printer (temperatures, jog, home, commands) and job calls.
import type { ApiClient } from './api-client.js';
import type { ConnectionInfo } from './types.js';

export function getConnection(api: ApiClient): Promise<ConnectionInfo> {
  return api.get<ConnectionInfo>('api/connection');
}

export interface ConnectRequest {
  port?: string;
  baudrate?: number;
  printerProfile?: string;
  save?: boolean;
  autoconnect?: boolean;
}

export async function connect(api: ApiClient, request: ConnectRequest): Promise<void> {
  await api.post('api/connection', { command: 'connect', ...request });
}

export async function disconnect(api: ApiClient): Promise<void> {
  await api.post('api/connection', { command: 'disconnect' });
}

export async function setToolTarget(api: ApiClient, tool: string, target: number): Promise<void> {
  await api.post('api/printer/tool', { command: 'target', targets: { [tool]: target } });
}

export async function setBedTarget(api: ApiClient, target: number): Promise<void> {
  await api.post('api/printer/bed', { command: 'target', target });
}

export async function setChamberTarget(api: ApiClient, target: number): Promise<void> {
  await api.post('api/printer/chamber', { command: 'target', target });
}

/** Sets the target of any heater by its name in the temperature report (`tool0`, `bed`, `chamber`). */
export function setHeaterTarget(api: ApiClient, heater: string, target: number): Promise<void> {
  if (heater === 'bed') return setBedTarget(api, target);
  if (heater === 'chamber') return setChamberTarget(api, target);
  return setToolTarget(api, heater, target);
}

export async function jog(api: ApiClient, axes: Partial<Record<'x' | 'y' | 'z', number>>): Promise<void> {
  await api.post('api/printer/printhead', { command: 'jog', ...axes });
}

export async function home(api: ApiClient, axes: Array<'x' | 'y' | 'z'>): Promise<void> {
  await api.post('api/printer/printhead', { command: 'home', axes });
}

export async function sendCommands(api: ApiClient, commands: string[]): Promise<void> {
  await api.post('api/printer/command', { commands });
}

export type JobCommand = 'start' | 'cancel' | 'restart';

export async function jobCommand(api: ApiClient, command: JobCommand): Promise<void> {
  await api.post('api/job', { command });
}

export async function pauseJob(api: ApiClient, action: 'pause' | 'resume' | 'toggle'): Promise<void> {
  await api.post('api/job', { command: 'pause', action });
}
