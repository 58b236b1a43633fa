// PrinterService: the connection (through the driver process's client), the printer profiles and the port listing, as the API and the app use them.
import type { Basedir, ConfigStore } from '../config/index.js';
import { ArgonautError } from '../shared/index.js';
import { stateText } from './driver/index.js';
import type { DriverClient } from './process/index.js';
import { PrinterProfileStore } from './profiles/index.js';
import type { TransportFactory } from './transport/index.js';
import { listBaudrates } from './transport/index.js';

export interface PrinterServiceOptions {
  config: ConfigStore;
  basedir: Pick<Basedir, 'printerProfiles'>;
  /** Lists ports (the driver process opens them). */
  transports: TransportFactory;
  /** The driver, in its own process. */
  driver: DriverClient;
  /** Runs before each connect (power control switches the printer on); a failure is logged by it, the connect goes on. */
  beforeConnect?: () => Promise<void>;
}

export interface ConnectionRequest {
  port?: string | null;
  baudrate?: number | null;
  printerProfile?: string | null;
  /** Store port, baud rate and profile as the preferences. */
  save?: boolean;
  /** Store whether to connect when the server starts. */
  autoconnect?: boolean;
}

export interface ConnectionOptions {
  ports: string[];
  baudrates: number[];
  printerProfiles: Array<{ id: string; name: string }>;
  portPreference: string | null;
  baudratePreference: number | null;
  printerProfilePreference: string | null;
}

export interface ConnectionState {
  state: string;
  port: string | null;
  baudrate: number | null;
  printerProfile: string;
}

export class PrinterService {
  readonly driver: DriverClient;
  readonly profiles: PrinterProfileStore;
  private readonly config: ConfigStore;
  private readonly transports: TransportFactory;
  /** Port listing takes tens of milliseconds (udev, globbing) and clients poll /api/connection: keep it briefly. */
  private portsCache: { at: number; ports: Promise<string[]> } | null = null;

  constructor(private readonly options: PrinterServiceOptions) {
    this.config = options.config;
    this.transports = options.transports;
    this.profiles = new PrinterProfileStore(options.basedir.printerProfiles, options.config);
    this.driver = options.driver;
    this.driver.onDidChangeState((state) => {
      if (state === 'OPEN_SERIAL') this.profiles.select(this.driver.connection.profileId);
      else if (state === 'OFFLINE' || state === 'CLOSED_WITH_ERROR') this.profiles.select(null);
    });
  }

  /** What GET /api/connection offers. */
  async connectionOptions(): Promise<ConnectionOptions> {
    const serial = this.config.config.serial;
    const profiles = Object.values(this.profiles.all()).map((profile) => ({ id: profile.id, name: profile.name }));
    return {
      ports: await this.listPorts(),
      baudrates: this.baudrates(),
      printerProfiles: profiles,
      portPreference: serial.port,
      baudratePreference: serial.baudrate === 0 ? null : serial.baudrate,
      printerProfilePreference: this.profiles.defaultId(),
    };
  }

  /** The current connection; `Closed` while not connected, as OctoPrint says it. */
  connectionState(): ConnectionState {
    const state = this.driver.state;
    const closed = state === 'OFFLINE' || state === 'CLOSED_WITH_ERROR';
    const connection = this.driver.connection;
    return {
      state: closed ? 'Closed' : stateText(state),
      port: closed ? null : connection.port,
      baudrate: closed ? null : connection.baudrate,
      printerProfile: closed ? '_default' : (this.profiles.currentId() ?? '_default'),
    };
  }

  /**
   * Validates a connect request (throws invalid naming the bad value), stores preferences when asked, and starts
   * connecting. `attempt` settles when the attempt ends (true: operational); the API does not wait for it.
   */
  async connect(request: ConnectionRequest): Promise<{ attempt: Promise<boolean> }> {
    const port = request.port ?? null;
    const baudrate = request.baudrate ?? null;
    const profileId = request.printerProfile ?? null;
    // A connect while a print runs or is paused leaves it alone (OctoPrint answers 204 and keeps printing).
    if (this.driver.isPrinting || this.driver.isPaused) return { attempt: Promise.resolve(true) };
    if (port !== null && port !== 'AUTO' && !(await this.listPorts()).includes(port) && !(await this.listPorts(true)).includes(port)) {
      throw new ArgonautError('invalid', 'port is invalid');
    }
    if (baudrate !== null && baudrate !== 0 && !this.baudrates().includes(baudrate)) throw new ArgonautError('invalid', 'baudrate is invalid');
    if (profileId !== null && !this.profiles.exists(profileId)) throw new ArgonautError('invalid', 'printerProfile is invalid');
    const edits: Array<{ path: string; value: unknown }> = [];
    if (request.save) {
      edits.push({ path: 'serial.port', value: port }, { path: 'serial.baudrate', value: baudrate ?? 0 });
      if (profileId !== null) edits.push({ path: 'printerProfiles.default', value: profileId });
    }
    if (request.autoconnect !== undefined) edits.push({ path: 'serial.autoconnect', value: request.autoconnect });
    if (edits.length > 0) await this.config.update(edits);
    await this.options.beforeConnect?.();
    const resolvedPort = port ?? this.config.config.serial.port;
    const resolvedRate = baudrate ?? this.config.config.serial.baudrate;
    const profile = profileId ?? this.profiles.defaultId();
    // Answer once the attempt shows ("Opening serial connection"), as OctoPrint's connect does, or once it ended.
    let begin = (): void => undefined;
    const begun = new Promise<void>((resolve) => (begin = resolve));
    const subscription = this.driver.onDidChangeState(() => begin());
    const attempt = this.driver.call('connect', { port: resolvedPort, baudrate: resolvedRate, profileId: profile });
    await Promise.race([begun, attempt.then(() => undefined, () => undefined)]);
    subscription.dispose();
    return { attempt };
  }

  /** Disconnects; nothing to do while no driver process runs. */
  async disconnect(): Promise<void> {
    if (this.driver.running) await this.driver.call('disconnect');
  }

  /** Connects with the stored preferences when `serial.autoconnect` is on; resolves when the attempt ends. */
  async autoconnect(): Promise<boolean> {
    if (!this.config.config.serial.autoconnect) return false;
    await this.options.beforeConnect?.();
    const serial = this.config.config.serial;
    return this.driver.call('connect', { port: serial.port, baudrate: serial.baudrate, profileId: this.profiles.defaultId() });
  }

  /**
   * Disconnects and ends the driver process (app shutdown). A driver that does not finish its disconnect within
   * `graceMs` is ended anyway (it turns the heaters off itself when its channel closes).
   */
  async stop(graceMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    try {
      await Promise.race([this.disconnect(), late]);
    } catch {
      // The driver process is gone already; it is ended below either way.
    } finally {
      clearTimeout(timer);
      await this.driver.dispose();
    }
  }

  private listPorts(fresh = false): Promise<string[]> {
    const now = Date.now();
    if (!fresh && this.portsCache && now - this.portsCache.at < 2000) return this.portsCache.ports;
    const ports = this.transports.listPorts();
    this.portsCache = { at: now, ports };
    ports.catch(() => {
      this.portsCache = null;
    });
    return ports;
  }

  private baudrates(): number[] {
    return listBaudrates({ additional: this.config.config.serial.baudrates });
  }
}
