// A describe block's security server: started with the catalogue's users before its tests (with `printer`, the
// virtual printer connected and its serial line captured too) and closed after them.
import { after, before } from 'node:test';
import { SerialCapture, connectPrinter, seedUsers } from './fixtures.js';
import type { Fixtures } from './fixtures.js';
import { startSecurityServer } from './security-server.js';
import type { SecurityServer, SecurityServerOptions } from './security-server.js';

export interface SeededServerOptions extends SecurityServerOptions {
  /** Connect the virtual printer and capture what is sent to it. */
  printer?: boolean;
}

export interface SeededServer {
  readonly server: SecurityServer;
  readonly fixtures: Fixtures;
  /** What the host sent to the printer (only with `printer`). */
  readonly serial: SerialCapture;
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}: it is made in a before hook (and the serial capture only with \`printer\`)`);
  return value;
}

/** Registers the before and after hooks in the enclosing describe; read the parts inside its tests and hooks. */
export function useSeededServer(options: SeededServerOptions = {}): SeededServer {
  const { printer = false, ...serverOptions } = options;
  let server: SecurityServer | undefined;
  let fixtures: Fixtures | undefined;
  let serial: SerialCapture | undefined;
  before(async () => {
    server = await startSecurityServer(serverOptions);
    fixtures = await seedUsers(server);
    if (printer) {
      await connectPrinter(server);
      serial = new SerialCapture(server);
    }
  });
  after(async () => {
    serial?.dispose();
    await server?.close();
  });
  return {
    get server() {
      return started(server, 'server');
    },
    get fixtures() {
      return started(fixtures, 'fixtures');
    },
    get serial() {
      return started(serial, 'serial capture');
    },
  };
}
