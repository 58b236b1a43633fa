// Discovery of this server on the local network (zeroconf) and its stable UPnP UUID.
export { DiscoveryService, shouldAnnounce } from './discovery-service.js';
export { ensureUpnpUuid } from './upnp-uuid.js';
export { ZeroconfAnnouncer } from './zeroconf-announcer.js';
export type { Announcement } from './zeroconf-announcer.js';
export { SsdpResponder, addressFor, searchTarget } from './ssdp-responder.js';
export type { SsdpOptions } from './ssdp-responder.js';
