// The Application Keys plugin: the user's app keys, revoking them, and deciding pending requests.
import type { ApiClient } from './api-client.js';
import type { AppKeysListing } from './types.js';

export function listAppKeys(api: ApiClient): Promise<AppKeysListing> {
  return api.get<AppKeysListing>('api/plugin/appkeys');
}

export async function revokeAppKey(api: ApiClient, app: string): Promise<void> {
  await api.post('api/plugin/appkeys', { command: 'revoke', app });
}

/** Approves (optionally with a narrower set of permissions) or denies an app's request. */
export async function decideAppKey(api: ApiClient, userToken: string, decision: boolean, permissions?: string[]): Promise<void> {
  const body: Record<string, unknown> = { decision };
  if (decision && permissions) body.permissions = permissions;
  await api.post(`plugin/appkeys/decision/${encodeURIComponent(userToken)}`, body);
}
