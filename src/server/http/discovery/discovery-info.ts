// What this server announces on the network: instance name, zeroconf TXT records, and the UPnP device description.
import type { Config } from '../../../config/index.js';
import { ARGONAUT_VERSION, OCTOPRINT_API_VERSION, OCTOPRINT_SERVER_VERSION } from '../../../shared/index.js';

/**
 * Manufacturer named in the UPnP description. Home Assistant's SSDP matcher for OctoPrint looks for exactly this
 * value, so a compatible server has to use it to be found.
 */
export const UPNP_MANUFACTURER = 'The OctoPrint Project';

/** The name shown by browsers of the network: the printer's name when set, else the host name. */
export function instanceName(config: Config, hostname: string): string {
  const name = config.appearance.name.trim();
  return name ? `Argonaut instance "${name}"` : `Argonaut instance on ${hostname}`;
}

/** The URL path under which the web UI and API live, as clients should use it. */
export function announcedPath(config: Config): string {
  const prefix = config.server.reverseProxy.prefixFallback;
  return prefix && prefix.trim() !== '' ? prefix : '/';
}

/** TXT record of `_http._tcp` (path only, as OctoPrint). */
export function httpTxtRecord(config: Config): Record<string, string> {
  return { path: announcedPath(config) };
}

/** TXT record of `_octoprint._tcp`: what Cura and Home Assistant read (path, version, api, uuid). */
export function octoprintTxtRecord(config: Config, uuid: string): Record<string, string> {
  return { ...httpTxtRecord(config), version: OCTOPRINT_SERVER_VERSION, api: OCTOPRINT_API_VERSION, uuid };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`);
}

/** The UPnP device description served at /plugin/discovery/discovery.xml (Home Assistant reads UDN and presentationURL). */
export function deviceDescriptionXml(options: { friendlyName: string; uuid: string; presentationUrl: string }): string {
  return [
    '<?xml version="1.0"?>',
    '<root xmlns="urn:schemas-upnp-org:device-1-0">',
    '  <specVersion>',
    '    <major>1</major>',
    '    <minor>0</minor>',
    '  </specVersion>',
    '  <device>',
    '    <deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>',
    `    <friendlyName>${escapeXml(options.friendlyName)}</friendlyName>`,
    `    <manufacturer>${escapeXml(UPNP_MANUFACTURER)}</manufacturer>`,
    '    <modelName>Argonaut</modelName>',
    '    <modelDescription>OctoPrint-compatible 3D printer host</modelDescription>',
    `    <modelNumber>${escapeXml(ARGONAUT_VERSION)}</modelNumber>`,
    `    <UDN>uuid:${escapeXml(options.uuid)}</UDN>`,
    '    <serviceList></serviceList>',
    `    <presentationURL>${escapeXml(options.presentationUrl)}</presentationURL>`,
    '  </device>',
    '</root>',
    '',
  ].join('\n');
}
