// Power control through PSU Control's API (/api/plugin/psucontrol).
import type { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

/** The power state, or null when power control is off (the plugin answers 404). */
export async function getPowerState(api: ApiClient): Promise<boolean | null> {
  try {
    return (await api.get<{ isPSUOn: boolean }>('api/plugin/psucontrol')).isPSUOn;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function setPower(api: ApiClient, on: boolean): Promise<void> {
  await api.post('api/plugin/psucontrol', { command: on ? 'turnPSUOn' : 'turnPSUOff' });
}
