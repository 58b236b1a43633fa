// Where a server listening on every interface can be reached from other machines: its interfaces' addresses as URLs.
import { networkInterfaces } from 'node:os';
import type { NetworkInterfaceInfo } from 'node:os';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * The URLs other machines can use: every non-loopback IPv4 address for 0.0.0.0, and the global IPv6 ones too for
 * `::` (link-local addresses need a zone and are left out). Empty for a host bound to one address.
 */
export function reachableUrls(host: string, port: number, interfaces: Interfaces = networkInterfaces()): string[] {
  const all = host === '0.0.0.0' || host === '::';
  if (!all) return [];
  const urls: string[] = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === 'IPv4') urls.push(`http://${entry.address}:${port}/`);
      else if (host === '::' && !entry.address.toLowerCase().startsWith('fe80')) urls.push(`http://[${entry.address}]:${port}/`);
    }
  }
  return [...new Set(urls)];
}

/** The line for the start message, or null when there is nothing to add. */
export function reachableLine(host: string, port: number, interfaces?: Interfaces): string | null {
  const urls = reachableUrls(host, port, interfaces);
  if (urls.length === 0) {
    return host === '0.0.0.0' || host === '::' ? 'No network interface besides loopback is up: only this machine can reach the server.' : null;
  }
  return `Other machines on the network can reach it at ${urls.join(', ')}`;
}
