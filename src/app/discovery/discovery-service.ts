// Discovery for the composition root: the stable UUID at creation, the zeroconf announcement while listening.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ConfigStore } from '../../config/index.js';
import { httpTxtRecord, instanceName, octoprintTxtRecord } from '../../server/http/index.js';
import type { SsdpResponder } from './ssdp-responder.js';
import { ensureUpnpUuid } from './upnp-uuid.js';
import type { Announcement, ZeroconfAnnouncer } from './zeroconf-announcer.js';

const LOOPBACK = /^(127\.|::1$|localhost$)/i;

/** Whether announcing makes sense: discovery on, a fixed port (never port 0, as in tests), reachable from the network. */
export function shouldAnnounce(config: ConfigStore, listen: { host: string; port: number }): boolean {
  return config.config.plugins.discovery.enabled && listen.port !== 0 && !LOOPBACK.test(listen.host);
}

interface Announcers {
  zeroconf: ZeroconfAnnouncer;
  ssdp: SsdpResponder;
}

export class DiscoveryService {
  /** The running announcers (loaded on start), or null when not announcing. */
  private announcers: Promise<Announcers | null> | null = null;

  constructor(
    private readonly config: ConfigStore,
    private readonly logger: Logger,
  ) {}

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
    if (this.announcers || !shouldAnnounce(this.config, listen)) return;
    const config = this.config.config;
    const uuid = config.plugins.discovery.upnpUuid;
    if (!uuid) return;
    const publicPort = Number(config.plugins.discovery.publicPort);
    const port = Number.isInteger(publicPort) && publicPort > 0 ? publicPort : bound.port;
    const announcement: Announcement = {
      name: instanceName(config, hostname()),
      port,
      host: config.plugins.discovery.publicHost ?? undefined,
      httpTxt: httpTxtRecord(config),
      octoprintTxt: octoprintTxtRecord(config, uuid),
    };
    this.announcers = this.announce(announcement, uuid).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'discovery could not start; the server is not discoverable on the network');
      return null;
    });
  }

  async stop(): Promise<void> {
    const announcers = await this.announcers;
    this.announcers = null;
    if (announcers) await Promise.all([announcers.zeroconf.stop(), announcers.ssdp.stop()]);
  }

  /** bonjour-service and the SSDP code are loaded here, after listening, and only by a server that announces itself. */
  private async announce(announcement: Announcement, uuid: string): Promise<Announcers> {
    const [{ ZeroconfAnnouncer }, { SsdpResponder }] = await Promise.all([import('./zeroconf-announcer.js'), import('./ssdp-responder.js')]);
    const zeroconf = new ZeroconfAnnouncer(this.logger);
    zeroconf.start(announcement);
    const ssdp = new SsdpResponder({ uuid, httpPort: announcement.port }, this.logger);
    ssdp.start().catch((error: unknown) => this.logger.warn({ err: error }, 'SSDP could not start; the server is not discoverable by UPnP'));
    return { zeroconf, ssdp };
  }
}
