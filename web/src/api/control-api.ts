// The Control tab's calls: extrude and tool choice, feed and flow rates, custom controls and scripts, the SD card.
import type { ApiClient } from './api-client.js';

export async function selectTool(api: ApiClient, tool: string): Promise<void> {
  await api.post('api/printer/tool', { command: 'select', tool });
}

/** Extrudes `amount` mm (negative: retracts) with the selected tool. */
export async function extrude(api: ApiClient, amount: number): Promise<void> {
  await api.post('api/printer/tool', { command: 'extrude', amount });
}

/** The feed rate factor in percent (M220). */
export async function setFeedRate(api: ApiClient, percent: number): Promise<void> {
  await api.post('api/printer/printhead', { command: 'feedrate', factor: percent });
}

/** The flow rate factor in percent (M221). */
export async function setFlowRate(api: ApiClient, percent: number): Promise<void> {
  await api.post('api/printer/tool', { command: 'flowrate', factor: percent });
}

/** Sends G-code lines, `%(name)s` placeholders filled from `parameters` by the server. */
export async function sendCommandLines(api: ApiClient, commands: string[], parameters?: Record<string, unknown>): Promise<void> {
  await api.post('api/printer/command', parameters && Object.keys(parameters).length > 0 ? { commands, parameters } : { commands });
}

/** Runs a G-code script of the basedir's scripts (a custom control's `script`). */
export async function runScript(api: ApiClient, script: string, parameters?: Record<string, unknown>): Promise<void> {
  await api.post('api/printer/command', parameters && Object.keys(parameters).length > 0 ? { script, parameters } : { script });
}

/** The custom controls of config.yaml (needs CONTROL). */
export async function customControls(api: ApiClient): Promise<unknown[]> {
  const body = await api.get<{ controls?: unknown[] }>('api/printer/command/custom');
  return Array.isArray(body.controls) ? body.controls : [];
}

export type SdCommand = 'init' | 'refresh' | 'release';

export async function sdCommand(api: ApiClient, command: SdCommand): Promise<void> {
  await api.post('api/printer/sd', { command });
}

export interface SdState {
  ready: boolean;
}

export function sdState(api: ApiClient): Promise<SdState> {
  return api.get<SdState>('api/printer/sd');
}
