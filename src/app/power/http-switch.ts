// Smart plugs over HTTP, with their real request formats: Tasmota (/cm?cmnd=Power On), Shelly Gen1 (/relay/0?turn=on), Shelly Gen2+ RPC (Switch.Set).
import type { PowerSwitch } from './power-switch.js';
import { PowerSwitchError } from './power-switch.js';

export type HttpDevice = 'tasmota' | 'shelly' | 'shelly2';

export interface HttpSwitchOptions {
  device: HttpDevice;
  /** http://host[:port] (a bare host gets http://). */
  address: string;
  /** Relay index, 0 for the first. */
  relay: number;
  timeoutMs?: number;
}

const BODY_LIMIT = 64 * 1024;

/** The device's base URL; refuses anything but http and https. The URL is never logged (it may hold credentials). */
export function deviceBase(address: string): URL {
  const text = address.trim();
  if (text === '') throw new PowerSwitchError('No smart plug address is set (plugins.psucontrol.httpAddress).');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new PowerSwitchError('The smart plug address is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PowerSwitchError('The smart plug address must use http or https.');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The request that switches (on: true/false) or reads (on: null). */
export function deviceRequest(options: HttpSwitchOptions, on: boolean | null): { url: URL; init: RequestInit } {
  const base = deviceBase(options.address);
  switch (options.device) {
    case 'tasmota': {
      const power = options.relay === 0 ? 'Power' : `Power${options.relay + 1}`;
      const url = new URL('cm', base);
      url.searchParams.set('cmnd', on === null ? power : `${power} ${on ? 'On' : 'Off'}`);
      return { url, init: { method: 'GET' } };
    }
    case 'shelly': {
      const url = new URL(`relay/${options.relay}`, base);
      if (on !== null) url.searchParams.set('turn', on ? 'on' : 'off');
      return { url, init: { method: 'GET' } };
    }
    case 'shelly2': {
      const body = on === null ? { id: 1, method: 'Switch.GetStatus', params: { id: options.relay } } : { id: 1, method: 'Switch.Set', params: { id: options.relay, on } };
      return { url: new URL('rpc', base), init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } };
    }
  }
}

/** The state in a device's answer, or null when it does not say. */
export function stateFromAnswer(device: HttpDevice, answer: unknown, relay: number): boolean | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const record = answer as Record<string, unknown>;
  switch (device) {
    case 'tasmota': {
      const value = record[relay === 0 ? 'POWER' : `POWER${relay + 1}`] ?? (relay === 0 ? record.POWER1 : undefined);
      return value === 'ON' ? true : value === 'OFF' ? false : null;
    }
    case 'shelly':
      return typeof record.ison === 'boolean' ? record.ison : null;
    case 'shelly2': {
      const result = record.result as Record<string, unknown> | undefined;
      return typeof result?.output === 'boolean' ? result.output : null;
    }
  }
}

async function readBody(response: Response): Promise<string> {
  const text = await response.text();
  return text.length > BODY_LIMIT ? text.slice(0, BODY_LIMIT) : text;
}

export class HttpSwitch implements PowerSwitch {
  constructor(private readonly options: HttpSwitchOptions) {}

  private async ask(on: boolean | null): Promise<unknown> {
    const { url, init } = deviceRequest(this.options, on);
    let response: Response;
    try {
      response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    } catch (error) {
      throw new PowerSwitchError(`The smart plug (${this.options.device}) did not answer: ${(error as Error).message}`, { cause: error });
    }
    const text = await readBody(response);
    if (!response.ok) throw new PowerSwitchError(`The smart plug (${this.options.device}) answered HTTP ${response.status}.`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }

  async set(on: boolean): Promise<void> {
    const answer = await this.ask(on);
    const state = this.options.device === 'shelly2' ? null : stateFromAnswer(this.options.device, answer, this.options.relay);
    if (state !== null && state !== on) throw new PowerSwitchError(`The smart plug (${this.options.device}) stayed ${state ? 'on' : 'off'}.`);
  }

  async read(): Promise<boolean | null> {
    return stateFromAnswer(this.options.device, await this.ask(null), this.options.relay);
  }

  dispose(): void {}
}
