// SSDP (UPnP discovery): answers M-SEARCH and sends NOTIFY alive/byebye pointing at /plugin/discovery/discovery.xml.
import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import type { Logger } from 'pino';
import { inAnySubnet } from '../../auth/index.js';
import { ARGONAUT_VERSION } from '../../shared/index.js';

export const SSDP_ADDRESS = '239.255.255.250';
export const SSDP_PORT = 1900;
const DEVICE_TYPE = 'urn:schemas-upnp-org:device:basic:1';
const SERVER = `${process.platform} UPnP/1.0 Argonaut/${ARGONAUT_VERSION}`;

export interface SsdpOptions {
  uuid: string;
  /** The HTTP port the description is served on. */
  httpPort: number;
  /** UDP port to listen and announce on; 1900 except in tests. */
  ssdpPort?: number;
  notifyIntervalMs?: number;
}

/** This machine's IPv4 addresses on the network (never loopback), with their subnets. */
function localAddresses(): Array<{ address: string; cidr: string }> {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)
    .map((entry) => ({ address: entry!.address, cidr: entry!.cidr ?? `${entry!.address}/32` }));
}

/** The local address a client reaches us on: the interface in its subnet, loopback for loopback. */
export function addressFor(client: string, addresses = localAddresses()): string | null {
  if (client.startsWith('127.')) return '127.0.0.1';
  return addresses.find((entry) => inAnySubnet(client, [entry.cidr]))?.address ?? addresses[0]?.address ?? null;
}

/** Parses an M-SEARCH request; returns its search target when it is one we answer. */
export function searchTarget(message: string, uuid: string): string | null {
  const [start = '', ...lines] = message.split(/\r?\n/);
  if (!/^M-SEARCH \* HTTP\/1\.1$/i.test(start.trim())) return null;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  if (headers.get('man') !== '"ssdp:discover"') return null;
  const target = headers.get('st') ?? '';
  const answered = ['ssdp:all', 'upnp:rootdevice', `uuid:${uuid}`, DEVICE_TYPE];
  return answered.some((value) => value.toLowerCase() === target.toLowerCase()) ? target : null;
}

export class SsdpResponder {
  private socket: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: SsdpOptions,
    private readonly logger: Logger,
  ) {}

  private get ssdpPort(): number {
    return this.options.ssdpPort ?? SSDP_PORT;
  }

  private location(address: string): string {
    return `http://${address}:${this.options.httpPort}/plugin/discovery/discovery.xml`;
  }

  async start(): Promise<void> {
    if (this.socket) return;
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    socket.on('error', (error) => this.logger.warn({ err: error }, 'SSDP failed; the server is not discoverable by UPnP'));
    socket.on('message', (message, remote) => this.answer(message.toString('utf8'), remote));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.ssdpPort, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    for (const { address } of localAddresses()) {
      try {
        socket.addMembership(SSDP_ADDRESS, address);
      } catch (error) {
        this.logger.debug({ err: error, address }, 'could not join the SSDP group on this interface');
      }
    }
    this.socket = socket;
    void this.notify('ssdp:alive');
    this.timer = setInterval(() => void this.notify('ssdp:alive'), this.options.notifyIntervalMs ?? 30_000);
    this.timer.unref();
  }

  private answer(message: string, remote: RemoteInfo): void {
    const target = searchTarget(message, this.options.uuid);
    const address = target === null ? null : addressFor(remote.address);
    if (target === null || address === null || !this.socket) return;
    const usn = target.toLowerCase().startsWith('uuid:') ? `uuid:${this.options.uuid}` : `uuid:${this.options.uuid}::${target}`;
    const reply = ['HTTP/1.1 200 OK', 'CACHE-CONTROL: max-age=1800', 'EXT:', `LOCATION: ${this.location(address)}`, `SERVER: ${SERVER}`, `ST: ${target}`, `USN: ${usn}`, '', ''].join('\r\n');
    this.socket.send(reply, remote.port, remote.address);
  }

  private notify(kind: 'ssdp:alive' | 'ssdp:byebye'): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    const sent: Array<Promise<void>> = [];
    const uuid = this.options.uuid;
    for (const { address } of localAddresses()) {
      try {
        socket.setMulticastInterface(address);
      } catch {
        continue;
      }
      for (const [nt, usn] of [
        ['upnp:rootdevice', `uuid:${uuid}::upnp:rootdevice`],
        [`uuid:${uuid}`, `uuid:${uuid}`],
        [DEVICE_TYPE, `uuid:${uuid}::${DEVICE_TYPE}`],
      ]) {
        const lines = ['NOTIFY * HTTP/1.1', `HOST: ${SSDP_ADDRESS}:${SSDP_PORT}`, 'CACHE-CONTROL: max-age=1800', `LOCATION: ${this.location(address)}`, `NT: ${nt}`, `NTS: ${kind}`, `SERVER: ${SERVER}`, `USN: ${usn}`, '', ''];
        sent.push(new Promise((resolve) => socket.send(lines.join('\r\n'), this.ssdpPort, SSDP_ADDRESS, () => resolve())));
      }
    }
    return Promise.all(sent).then(() => undefined);
  }

  /** Says goodbye on the network and closes the socket. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const socket = this.socket;
    if (!socket) return;
    await Promise.race([this.notify('ssdp:byebye'), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    this.socket = null;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
