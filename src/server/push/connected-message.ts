// The `connected` message every socket gets first: versions, hashes, modes and the permission catalogue.
import { createHash } from 'node:crypto';
import { permissionRecords } from '../../auth/index.js';
import { ARGONAUT_VERSION, OCTOPRINT_SERVER_VERSION } from '../../shared/index.js';
import { OutgoingMessage } from './outgoing-message.js';

export interface ConnectedFacts {
  /** The effective configuration, hashed so clients notice a change between connections. */
  config: unknown;
  /** Result of the connectivity check, or null when there is none (then reported as online, as OctoPrint does). */
  online: boolean | null;
  /** Identifiers (`id:version`) of the UI parts loaded, hashed like OctoPrint's plugin hash. */
  uiComponents: readonly string[];
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

export function connectedMessage(facts: ConnectedFacts): OutgoingMessage {
  return OutgoingMessage.of('connected', {
    version: OCTOPRINT_SERVER_VERSION,
    display_version: `${OCTOPRINT_SERVER_VERSION} (Argonaut ${ARGONAUT_VERSION})`,
    branch: null,
    plugin_hash: md5([...facts.uiComponents].sort().join(',')),
    config_hash: md5(JSON.stringify(facts.config)),
    debug: false,
    safe_mode: null,
    online: facts.online ?? true,
    permissions: permissionRecords(),
  });
}
