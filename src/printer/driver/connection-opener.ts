// Opens the transport for a connect request: the given port and baud rate, or detection over ports and rates (AUTO / 0).
import { frameLine } from '../protocol/index.js';
import type { Transport, TransportFactory } from '../transport/index.js';
import { autodetectBaudrates } from '../transport/index.js';
import type { Scheduler } from './scheduler.js';

export interface OpenRequest {
  /** A port, or null / `AUTO` to detect. */
  port: string | null;
  /** A baud rate, or 0 / null to detect. */
  baudrate: number | null;
  /** Seconds to wait for an answer per candidate while detecting. */
  detectionTimeout: number;
  /** The last baud rate that worked, tried first. */
  preferredBaudrate?: number;
}

export function isAutoPort(port: string | null | undefined): boolean {
  return port === null || port === undefined || port === '' || port.toUpperCase() === 'AUTO';
}

/** Answers that show firmware is listening at this port and rate. */
function soundsLikeFirmware(line: string): boolean {
  const text = line.trim().toLowerCase();
  return text.startsWith('ok') || text === 'start' || text.startsWith('echo:') || text.startsWith('resend') || text.startsWith('error');
}

/** Opens one candidate and waits for the firmware to answer a hello; closes it and returns null when it does not. */
async function probe(transport: Transport, timeoutMs: number, scheduler: Scheduler): Promise<Transport | null> {
  try {
    await transport.open();
  } catch {
    return null;
  }
  const answered = await new Promise<boolean>((resolve) => {
    const timer = scheduler.setTimeout(() => finish(false), timeoutMs);
    const lines = transport.onLine((line) => {
      if (soundsLikeFirmware(line)) finish(true);
    });
    const closed = transport.onClose(() => finish(false));
    function finish(result: boolean) {
      timer.dispose();
      lines.dispose();
      closed.dispose();
      resolve(result);
    }
    transport.write(frameLine('M110 N0', 0));
  });
  if (answered) return transport;
  await transport.close();
  return null;
}

/**
 * Opens the transport. With a fixed port and rate the transport is only opened (the handshake follows);
 * otherwise each candidate is probed and the first that answers is returned open. Throws with a message for users.
 */
export async function openTransport(factory: TransportFactory, request: OpenRequest, scheduler: Scheduler, onDetecting: () => void): Promise<Transport> {
  const fixedPort = !isAutoPort(request.port);
  const fixedRate = request.baudrate !== null && request.baudrate > 0;
  if (fixedPort && fixedRate) {
    const transport = factory.create(request.port as string, request.baudrate as number);
    await transport.open();
    return transport;
  }
  onDetecting();
  let ports: string[];
  if (fixedPort) ports = [request.port as string];
  else {
    const listed = await factory.listPorts();
    ports = [...listed.filter((port) => port !== 'VIRTUAL'), ...listed.filter((port) => port === 'VIRTUAL')];
  }
  const rates = fixedRate ? [request.baudrate as number] : autodetectBaudrates({ preferred: request.preferredBaudrate });
  for (const port of ports) {
    for (const rate of rates) {
      const found = await probe(factory.create(port, rate), request.detectionTimeout * 1000, scheduler);
      if (found) return found;
    }
  }
  throw new Error('No more candidates to test, and no working port/baudrate combination detected.');
}
