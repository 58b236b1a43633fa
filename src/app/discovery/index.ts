// Discovery of this server on the local network (zeroconf) and its stable UPnP UUID.
export { DiscoveryService, shouldAnnounce } from './discovery-service.js';
export { ensureUpnpUuid } from './upnp-uuid.js';
// The announcers themselves (bonjour-service, the SSDP socket) are not re-exported: DiscoveryService loads them
// on start, so a server that does not announce never reads their code.
export type { Announcement } from './zeroconf-announcer.js';
export type { SsdpOptions } from './ssdp-responder.js';
