// Which events a socket may receive (the permissions each needs) and which payloads are blanked for non-admins.
import { hasPermission } from '../../auth/index.js';
import type { Identity, PermissionKey } from '../../auth/index.js';

/** Events about files reveal names and paths: the same permission as listing files over REST. */
const FILE_EVENTS = new Set([
  'Upload',
  'FileAdded',
  'FileRemoved',
  'FolderAdded',
  'FolderRemoved',
  'UpdatedFiles',
  'MetadataAnalysisStarted',
  'MetadataAnalysisFinished',
  'MetadataStatisticsUpdated',
  'FileSelected',
  'FileDeselected',
  'TransferStarted',
  'TransferDone',
  'TransferFailed',
]);

/** Events only administrators see. */
const ADMIN_EVENTS = new Set(['UserLoggedIn', 'UserLoggedOut']);

/** Events whose payload (client addresses, user names) only administrators see; others get `{}`. */
const ADMIN_PAYLOAD_EVENTS = new Set(['ClientOpened', 'ClientAuthed', 'ClientClosed']);

/** The permissions an identity needs to receive this event. */
export function eventPermissions(name: string): readonly PermissionKey[] {
  if (ADMIN_EVENTS.has(name)) return ['ADMIN'];
  // Plugin events (e.g. plugin_appkeys_pending_request) carry tokens meant for one user: admins only.
  if (name.startsWith('plugin_')) return ['ADMIN'];
  if (FILE_EVENTS.has(name)) return ['STATUS', 'FILES_LIST'];
  return ['STATUS'];
}

export function mayReceive(identity: Identity, permissions: readonly PermissionKey[]): boolean {
  return permissions.every((permission) => hasPermission(identity, permission));
}

/** Whether this identity gets the payload as it is (true) or blanked (false). */
export function seesFullPayload(identity: Identity, name: string): boolean {
  return !ADMIN_PAYLOAD_EVENTS.has(name) || hasPermission(identity, 'ADMIN');
}
