// Settings and printer profiles.
import type { ApiClient } from './api-client.js';
import type { PrinterProfile, Settings } from './types.js';

export function getSettings(api: ApiClient): Promise<Settings> {
  return api.get<Settings>('api/settings');
}

/** Saves a partial settings object; answers the new settings. */
export function saveSettings(api: ApiClient, changes: Record<string, unknown>): Promise<Settings> {
  return api.post<Settings>('api/settings', changes);
}

export async function listProfiles(api: ApiClient): Promise<PrinterProfile[]> {
  const body = await api.get<{ profiles: Record<string, PrinterProfile> }>('api/printerprofiles');
  return Object.values(body.profiles).sort((a, b) => a.name.localeCompare(b.name));
}

export async function createProfile(api: ApiClient, profile: Partial<PrinterProfile>, basedOn?: string): Promise<void> {
  await api.post('api/printerprofiles', basedOn ? { profile, basedOn } : { profile });
}

export async function updateProfile(api: ApiClient, id: string, profile: Partial<PrinterProfile>): Promise<void> {
  await api.patch(`api/printerprofiles/${encodeURIComponent(id)}`, { profile });
}

export async function deleteProfile(api: ApiClient, id: string): Promise<void> {
  await api.delete(`api/printerprofiles/${encodeURIComponent(id)}`);
}
