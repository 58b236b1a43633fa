// The JSON shapes of the app keys API: key entries (a prefix, never the key, D3), pending requests, push messages.
import type { PermissionKey } from '../permissions.js';
import type { AppKey } from './app-key-file.js';
import type { PendingRequest } from './pending-requests.js';

/** A key in `GET /api/plugin/appkeys`: OctoPrint's `{app_id, user_id}` plus Argonaut's details. Times are epoch seconds. */
export interface AppKeyRecord {
  app_id: string;
  user_id: string;
  /** The first characters of the key. */
  prefix: string;
  created: number | null;
  last_used: number | null;
  /** When the key stops working; null: never. */
  expires: number | null;
  /** The permissions the key is limited to; null: all of its user's. */
  permissions: PermissionKey[] | null;
}

/** A request in the `pending` map of `GET /api/plugin/appkeys`, keyed by its user token. */
export interface PendingRecord {
  app_id: string;
  user_id: string | null;
  user_token: string;
  remote_address: string;
  /** The permissions the app asked for; null: all of the user's. */
  permissions: PermissionKey[] | null;
}

/** The `data` of a `plugin` push message with plugin `appkeys`. */
export type AppKeysMessage =
  | {
      type: 'request_access';
      app_name: string;
      user_token: string;
      user_id: string | null;
      remote_address: string;
      permissions: PermissionKey[] | null;
    }
  | { type: 'end_request'; user_token: string }
  /** Argonaut's own: an approved app fetched its key, so key lists can show it (OctoPrint's UI ignores it). */
  | { type: 'key_issued'; app_name: string };

/** A push message and who may see it: the user a request names, or (null) every user who may grant keys. */
export interface AppKeysNotice {
  data: AppKeysMessage;
  user: string | null;
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.floor(ms / 1000);
}

export function appKeyRecord(key: AppKey): AppKeyRecord {
  return {
    app_id: key.app,
    user_id: key.user,
    prefix: key.prefix,
    created: seconds(key.created),
    last_used: seconds(key.lastUsed),
    expires: seconds(key.expires),
    permissions: key.scope === null ? null : [...key.scope],
  };
}

export function pendingRecord(request: PendingRequest): PendingRecord {
  return {
    app_id: request.app,
    user_id: request.user,
    user_token: request.userToken,
    remote_address: request.remoteAddress,
    permissions: request.scope === null ? null : [...request.scope],
  };
}

export function requestAccessMessage(request: PendingRequest): AppKeysMessage {
  return {
    type: 'request_access',
    app_name: request.app,
    user_token: request.userToken,
    user_id: request.user,
    remote_address: request.remoteAddress,
    permissions: request.scope === null ? null : [...request.scope],
  };
}
