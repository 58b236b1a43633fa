// Announces this server with zeroconf/mDNS as OctoPrint does: `_octoprint._tcp` and `_http._tcp` with TXT records.
import Bonjour from 'bonjour-service';
import type { Logger } from 'pino';

export interface Announcement {
  /** Instance name shown by browsers, e.g. `Argonaut instance "Workshop"`. */
  name: string;
  port: number;
  /** Host name to announce instead of this machine's (plugins.discovery.publicHost). */
  host?: string;
  httpTxt: Record<string, string>;
  octoprintTxt: Record<string, string>;
}

const STOP_TIMEOUT_MS = 1000;

export class ZeroconfAnnouncer {
  private bonjour: Bonjour | null = null;

  constructor(private readonly logger: Logger) {}

  get running(): boolean {
    return this.bonjour !== null;
  }

  start(announcement: Announcement): void {
    if (this.bonjour) return;
    const bonjour = new Bonjour(undefined, (error: Error) => {
      this.logger.warn({ err: error }, 'zeroconf announcement failed; the server is not discoverable on the network');
    });
    const common = { name: announcement.name, port: announcement.port, protocol: 'tcp' as const, ...(announcement.host ? { host: announcement.host } : {}) };
    bonjour.publish({ ...common, type: 'http', txt: announcement.httpTxt });
    bonjour.publish({ ...common, type: 'octoprint', txt: announcement.octoprintTxt });
    this.bonjour = bonjour;
    this.logger.info({ instance: announcement.name, port: announcement.port }, 'announced _octoprint._tcp and _http._tcp with zeroconf');
  }

  /** Sends goodbye packets (bounded by a timeout) and closes the multicast socket. */
  async stop(): Promise<void> {
    const bonjour = this.bonjour;
    if (!bonjour) return;
    this.bonjour = null;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
      timer.unref();
      bonjour.unpublishAll(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  }
}
