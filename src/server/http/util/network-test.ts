// The `server`, `resolution` and `address` checks of POST /api/util/test: reachability, name lookup, LAN address.
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { connect, isIP } from 'node:net';
import { inAnySubnet, normaliseAddress } from '../../../auth/index.js';

/** Whether host:port accepts a TCP connection (or, for UDP, a datagram draws no refusal) within the timeout. */
export function serverReachable(host: string, port: number, timeoutMs: number, protocol: 'tcp' | 'udp'): Promise<boolean> {
  return protocol === 'tcp' ? tcpReachable(host, port, timeoutMs) : udpReachable(host, port, timeoutMs);
}

function tcpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function udpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    let settled = false;
    const done = (reachable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(reachable);
    };
    // A refused port answers with ICMP, which a connected UDP socket reports as an error; silence counts as reachable.
    const timer = setTimeout(() => done(true), timeoutMs);
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.send(Buffer.alloc(0), (error) => error && done(false)));
  });
}

/** Whether the name resolves to at least one address. */
export async function resolvable(name: string): Promise<boolean> {
  try {
    return (await lookup(name, { all: true })).length > 0;
  } catch {
    return false;
  }
}

/** OctoPrint's address check: is the address (default: the client's) inside the local networks, and which one. */
export function lanAddress(address: string, localNetworks: readonly string[]): { is_lan_address: boolean; address: string; subnet?: string } {
  const clean = normaliseAddress(address);
  const subnet = localNetworks.find((network) => inAnySubnet(clean, [network]));
  return subnet === undefined ? { is_lan_address: false, address: clean } : { is_lan_address: true, address: clean, subnet };
}
