// The Application Keys plugin: the user's app keys, revoking them, and deciding pending requests.
import type { ApiClient } from './api-client.js';
import type { AppKeysListing } from './types.js';

export function listAppKeys(api: ApiClient): Promise<AppKeysListing> {
  return api.get<AppKeysListing>('api/plugin/appkeys');
}

export async function revokeAppKey(api: ApiClient, app: string): Promise<void> {
  await api.post('api/plugin/appkeys', { command: 'revoke', app });
}

export interface Approval {
  /** A narrower set of permissions than the user's own; undefined: all of them (or what the app asked for). */
  permissions?: string[];
  /** Seconds until the key stops working; undefined: never. */
  expiresIn?: number;
}

/** Approves (optionally narrowed in scope and lifetime) or denies an app's request. */
export async function decideAppKey(api: ApiClient, userToken: string, decision: boolean, approval: Approval = {}): Promise<void> {
  const body: Record<string, unknown> = { decision };
  if (decision && approval.permissions) body.permissions = approval.permissions;
  if (decision && approval.expiresIn) body.expires_in = approval.expiresIn;
  await api.post(`plugin/appkeys/decision/${encodeURIComponent(userToken)}`, body);
}
