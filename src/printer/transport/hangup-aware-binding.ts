// serialport's Linux binding, with reads that notice a hang-up: a closed pty or an unplugged USB printer reads as end of file.
import { read } from 'node:fs';

/** The parts of serialport's Linux port binding this module uses. */
interface LinuxPort {
  readonly fd: number | null;
  readonly isOpen: boolean;
  readonly poller?: { once(event: 'readable', listener: (error?: Error | null) => void): void };
}

interface Binding {
  open(options: never): Promise<unknown>;
}

const RETRY = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);
const GONE = new Set(['EBADF', 'ENXIO', 'EIO', 'ENODEV', 'UNKNOWN']);

function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}

function readOnce(fd: number, buffer: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

function readable(port: LinuxPort): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!port.poller) throw new Error('No poller on the serial port binding');
    port.poller.once('readable', (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Reads like the stock binding (wait for the poller on EAGAIN), except for a read of zero bytes: the port is opened
 * with VMIN 1 and non-blocking, so a live line never reads zero bytes; zero is the end of file of a hang-up. The stock
 * binding reads again at once, forever, and never reports the port closed (serialport 13 on Linux).
 */
async function hangupAwareRead(port: LinuxPort, buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw canceled();
    let bytesRead: number;
    try {
      bytesRead = await readOnce(port.fd, buffer, offset, length);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (RETRY.has(code)) {
        if (!port.isOpen) throw canceled();
        await readable(port);
        continue;
      }
      if (GONE.has(code)) Object.assign(error as Error, { disconnect: true });
      throw error;
    }
    if (bytesRead > 0) return { bytesRead, buffer };
    throw Object.assign(new Error('the device hung up'), { code: 'EOF', disconnect: true });
  }
}

/** The binding with hang-up aware reads on Linux; on other systems the binding itself. */
export function hangupAwareBinding<T extends Binding>(binding: T, platform = process.platform): T {
  if (platform !== 'linux') return binding;
  return new Proxy(binding, {
    get(target, property, receiver) {
      if (property !== 'open') return Reflect.get(target, property, receiver) as unknown;
      return async (options: never) => {
        const port = (await target.open(options)) as LinuxPort & object;
        return new Proxy(port, {
          get(portTarget, portProperty) {
            if (portProperty === 'read') {
              return (buffer: Buffer, offset: number, length: number) => hangupAwareRead(portTarget, buffer, offset, length);
            }
            const value = Reflect.get(portTarget, portProperty, portTarget) as unknown;
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(portTarget) : value;
          },
        });
      };
    },
  });
}
