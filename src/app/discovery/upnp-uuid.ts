// The stable UUID that identifies this server to Home Assistant and UPnP: made once, kept in config.yaml.
import { randomUUID } from 'node:crypto';
import type { ConfigStore } from '../../config/index.js';

/** Returns plugins.discovery.upnpUuid, creating and saving a random one when config.yaml has none yet. */
export async function ensureUpnpUuid(config: ConfigStore): Promise<string> {
  const existing = config.config.plugins.discovery.upnpUuid;
  if (existing) return existing;
  const uuid = randomUUID();
  await config.set('plugins.discovery.upnpUuid', uuid);
  return uuid;
}
