// Discovery for the composition root: the stable UUID at creation, the zeroconf announcement while listening.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ConfigStore } from '../../config/index.js';
import { httpTxtRecord, instanceName, octoprintTxtRecord } from '../../server/http/index.js';
import { SsdpResponder } from './ssdp-responder.js';
import { ensureUpnpUuid } from './upnp-uuid.js';
import { ZeroconfAnnouncer } from './zeroconf-announcer.js';

const LOOPBACK = /^(127\.|::1$|localhost$)/i;

/** Whether announcing makes sense: discovery on, a fixed port (never port 0, as in tests), reachable from the network. */
export function shouldAnnounce(config: ConfigStore, listen: { host: string; port: number }): boolean {
  return config.config.plugins.discovery.enabled && listen.port !== 0 && !LOOPBACK.test(listen.host);
}

export class DiscoveryService {
  private readonly announcer: ZeroconfAnnouncer;
  private ssdp: SsdpResponder | null = null;

  constructor(
    private readonly config: ConfigStore,
    private readonly logger: Logger,
  ) {
    this.announcer = new ZeroconfAnnouncer(logger);
  }

  /** Makes the UUID (saved to config.yaml) so /api/settings and discovery.xml carry it from the first request. */
  async prepare(): Promise<void> {
    try {
      await ensureUpnpUuid(this.config);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not save plugins.discovery.upnpUuid to config.yaml; clients such as Home Assistant see a new identity after a restart');
    }
  }

  /** Announces the server after it listens; `listen` is what was asked for, `bound` what was bound. */
  start(listen: { host: string; port: number }, bound: { port: number }): void {
    if (!shouldAnnounce(this.config, listen)) return;
    const config = this.config.config;
    const uuid = config.plugins.discovery.upnpUuid;
    if (!uuid) return;
    const publicPort = Number(config.plugins.discovery.publicPort);
    const port = Number.isInteger(publicPort) && publicPort > 0 ? publicPort : bound.port;
    this.announcer.start({
      name: instanceName(config, hostname()),
      port,
      host: config.plugins.discovery.publicHost ?? undefined,
      httpTxt: httpTxtRecord(config),
      octoprintTxt: octoprintTxtRecord(config, uuid),
    });
    if (!this.ssdp) {
      const ssdp = new SsdpResponder({ uuid, httpPort: port }, this.logger);
      this.ssdp = ssdp;
      ssdp.start().catch((error: unknown) => this.logger.warn({ err: error }, 'SSDP could not start; the server is not discoverable by UPnP'));
    }
  }

  async stop(): Promise<void> {
    const ssdp = this.ssdp;
    this.ssdp = null;
    await Promise.all([this.announcer.stop(), ssdp?.stop()]);
  }
}
