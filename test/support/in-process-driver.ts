// Test helper: runs the driver process's host in this process, behind the same contract (every message structured-cloned, delivered a turn later).
import type { TransportFactory } from '../../src/printer/index.js';
import type { DriverProcess, StartDriverProcess } from '../../src/printer/process/index.js';
import { createDriverHost } from '../../src/printer/process/index.js';
import type { DriverHost } from '../../src/printer/process/index.js';

/**
 * A StartDriverProcess for unit tests that reach the driver through a scripted firmware: the host and the client are the
 * real ones; only the process boundary is replaced by structured cloning and a turn of the event loop each way.
 */
export function inProcessDriver(transports?: TransportFactory): StartDriverProcess & { readonly hosts: DriverHost[] } {
  const hosts: DriverHost[] = [];
  const start: StartDriverProcess = (onMessage) => {
    let host: DriverHost | null = null;
    let stopped = false;
    const process: DriverProcess = {
      pid: -1,
      send(call) {
        const copy = structuredClone(call);
        setImmediate(() => {
          if (stopped) return;
          if (!host) {
            if (copy.method !== 'configure') throw new Error('the first call must be configure');
            host = createDriverHost(
              copy.args[0],
              (message) => {
                const back = structuredClone(message);
                setImmediate(() => !stopped && onMessage(back));
              },
              transports,
            );
            hosts.push(host);
          }
          void host.handle(copy);
        });
      },
      busy: () => undefined,
      idle: () => undefined,
      async stop() {
        stopped = true;
        host?.dispose();
      },
    };
    return process;
  };
  return Object.assign(start, { hosts });
}
