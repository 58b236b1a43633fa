// IP addresses and CIDR subnets: parsing and matching, IPv4, IPv6 and IPv4-mapped IPv6.
import { isIP } from 'node:net';

/** Returns the address as 16 bytes (IPv4 as IPv4-mapped IPv6), or null when it is not an address. */
export function addressBytes(address: string): Uint8Array | null {
  // Brackets and zones are rare: skip the two replacements for plain addresses (this runs on every request).
  const clean = address.includes('[') || address.includes(']') || address.includes('%') ? address.replace(/^\[|\]$/g, '').replace(/%.*$/, '') : address;
  const kind = isIP(clean);
  if (kind === 4) {
    const bytes = new Uint8Array(16);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    clean.split('.').forEach((part, i) => (bytes[12 + i] = Number(part)));
    return bytes;
  }
  if (kind !== 6) return null;
  let text = clean;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let tail: number[] = [];
  if (v4?.[1]) {
    tail = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + '0:0';
  }
  const [head = '', rest] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const restParts = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const missing = 8 - headParts.length - restParts.length;
  const groups = [...headParts, ...Array<string>(rest !== undefined ? missing : 0).fill('0'), ...restParts];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  if (tail.length === 4) tail.forEach((b, i) => (bytes[12 + i] = b));
  return bytes;
}

export interface Subnet {
  bytes: Uint8Array;
  prefix: number;
}

/** Parses `10.0.0.0/8`, `::1/128` or a bare address; null when invalid. */
export function parseSubnet(text: string): Subnet | null {
  const [address = '', prefixText] = text.trim().split('/');
  const bytes = addressBytes(address);
  if (!bytes) return null;
  const isV4 = isIP(address) === 4;
  let prefix = prefixText === undefined ? (isV4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (isV4 ? 32 : 128)) return null;
  // IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d), 96 bits in.
  if (isV4) prefix += 96;
  return { bytes, prefix };
}

export function inSubnet(address: string, subnet: Subnet): boolean {
  const bytes = addressBytes(address);
  return bytes !== null && bytesInSubnet(bytes, subnet);
}

function bytesInSubnet(bytes: Uint8Array, subnet: Subnet): boolean {
  let bits = subnet.prefix;
  for (let i = 0; i < 16 && bits > 0; i += 1) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((subnet.bytes[i] ?? 0) & mask)) return false;
    bits -= 8;
  }
  return true;
}

/**
 * CIDR texts parsed once, for checks on every request (e.g. the trusted proxies): the same answers as inAnySubnet.
 * Invalid entries are skipped.
 */
export class SubnetSet {
  private readonly source: readonly string[];
  private readonly subnets: Subnet[];

  constructor(texts: readonly string[]) {
    this.source = [...texts];
    this.subnets = texts.map(parseSubnet).filter((subnet): subnet is Subnet => subnet !== null);
  }

  /** Whether the address lies in any of the subnets. */
  has(address: string): boolean {
    if (this.subnets.length === 0) return false;
    const bytes = addressBytes(address);
    return bytes !== null && this.subnets.some((subnet) => bytesInSubnet(bytes, subnet));
  }

  /** Whether this set was built from exactly these texts (so a caller can keep it until the list changes). */
  builtFrom(texts: readonly string[]): boolean {
    return texts.length === this.source.length && texts.every((text, i) => text === this.source[i]);
  }
}

/** Whether the address lies in any of the given CIDR texts (invalid entries are skipped). */
export function inAnySubnet(address: string, subnets: readonly string[]): boolean {
  return new SubnetSet(subnets).has(address);
}

/** Shows an IPv4-mapped IPv6 address as plain IPv4. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** Link-local, cloud metadata, "this network", multicast and broadcast: the server never fetches these for anyone. */
export const NEVER_FETCHED_SUBNETS: readonly string[] = ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128', '100.100.100.200/32', '0.0.0.0/8', '224.0.0.0/4', '255.255.255.255/32', 'ff00::/8', '::/128'];
const NEVER_FETCHED = new SubnetSet(NEVER_FETCHED_SUBNETS);

/** Whether the server must refuse to connect to this address for a URL someone else chose (SSRF guard). */
export function isNeverFetchedAddress(address: string): boolean {
  return NEVER_FETCHED.has(address);
}
