// Serial port listing: the ports serialport reports plus globbed /dev/ttyUSB*, /dev/ttyACM*, /dev/ttyAMA* and configured patterns.
import { readdir } from 'node:fs/promises';
import { posix } from 'node:path';

/** Device patterns always searched (a `*` or `?` may appear in the last path segment only; a plain path matches if it exists). */
export const DEFAULT_PORT_PATTERNS: readonly string[] = ['/dev/ttyUSB*', '/dev/ttyACM*', '/dev/ttyAMA*'];

export interface PortListingOptions {
  /** Lists ports the way serialport does; defaults to `SerialPort.list()`. */
  readonly list?: () => Promise<readonly { readonly path: string }[]>;
  /** Reads a directory's entry names; defaults to `fs.readdir`. */
  readonly readDirectory?: (directory: string) => Promise<readonly string[]>;
  /** Patterns searched besides serialport's list; defaults to {@link DEFAULT_PORT_PATTERNS}. */
  readonly patterns?: readonly string[];
  /** More patterns from config (OctoPrint `serial.additionalPorts`). */
  readonly additionalPorts?: readonly string[];
  /** Patterns of ports never offered (OctoPrint `serial.blacklistedPorts`). */
  readonly blacklistedPorts?: readonly string[];
}

/** Turns a shell-style pattern (`*`, `?`) into an anchored regular expression. */
export function globToRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

async function expand(pattern: string, readDirectory: (directory: string) => Promise<readonly string[]>): Promise<string[]> {
  const directory = posix.dirname(pattern);
  const matcher = globToRegExp(posix.basename(pattern));
  try {
    const names = await readDirectory(directory);
    return names.filter((name) => matcher.test(name)).map((name) => posix.join(directory, name));
  } catch {
    return [];
  }
}

async function listedBySerialport(list: () => Promise<readonly { readonly path: string }[]>): Promise<string[]> {
  try {
    return (await list()).map((port) => port.path).filter((path) => path !== '');
  } catch {
    // serialport needs udevadm on Linux; without it the globbed device names are all we have.
    return [];
  }
}

/** Lists serial ports, sorted, without duplicates or blacklisted ports. Never rejects. */
export async function listSerialPorts(options: PortListingOptions = {}): Promise<string[]> {
  const readDirectory = options.readDirectory ?? ((directory: string) => readdir(directory));
  const patterns = [...(options.patterns ?? DEFAULT_PORT_PATTERNS), ...(options.additionalPorts ?? [])];
  const found = await Promise.all([
    listedBySerialport(options.list ?? (async () => (await import('serialport')).SerialPort.list())),
    ...patterns.map((pattern) => expand(pattern, readDirectory)),
  ]);
  const blacklist = (options.blacklistedPorts ?? []).map(globToRegExp);
  const ports = new Set(found.flat().filter((port) => !blacklist.some((re) => re.test(port))));
  return [...ports].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
