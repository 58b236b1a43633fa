// The composition root: builds every service once, in order, wires their events, and owns start and stop.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AccessControl, AppKeysService } from '../auth/index.js';
import type { CameraService } from '../camera/index.js';
import type { TimelapseService } from '../camera/index.js';
import type { AccessStore, Argon2Parameters } from '../auth/index.js';
import { ConfigStore, ensureBasedir } from '../config/index.js';
import type { Basedir } from '../config/index.js';
import { EventBus } from '../events/index.js';
import { FileManager } from '../files/index.js';
import { PrintHistory } from '../jobs/index.js';
import { createHttpApp } from '../server/http/index.js';
import { printerDataSource, registerPush, socketAuthenticatorFor } from '../server/push/index.js';
import type { PushServer } from '../server/push/index.js';
import type { Disposable } from '../shared/index.js';
import { auditHttpRequests } from './audit-http.js';
import { createCamera } from './camera-setup.js';
import { AuditLog } from './audit-log.js';
import { DiscoveryService } from './discovery/index.js';
import { createLogger } from './logging.js';
import { wireActionCommands } from './action-command-wiring.js';
import { createPrinterSetup } from './printer-setup.js';
import { removeServerPid, writeServerPid } from './server-pid.js';
import { farmView, openSharedStore, printerReports, publishPrinters } from './shared-store.js';
import { syncSettingsFromDisk } from './settings-sync.js';
import type { PrinterSetup } from './printer-setup.js';
import { lowerApiPriority } from './api-priority.js';
import type { DisplayClock } from '../jobs/index.js';
import { EventCommands } from './automation/index.js';
import { createPowerControl } from './power/index.js';
import type { PowerClock, PowerControl } from './power/index.js';
import { createTimelapse } from './timelapse-setup.js';

export interface AppOptions {
  basedir: string;
  /** Overrides config.yaml's server.host / server.port (CLI flags). */
  host?: string;
  port?: number;
  /** Logger to use (tests pass a silent one); default logs to the terminal and logs/. */
  logger?: Logger;
  now?: () => number;
  /** Password hashing cost; OctoPrint's argon2id parameters by default (tests pass cheaper ones). */
  argon2?: Argon2Parameters;
  /** Overrides config.yaml's server.apiNiceness (tests pass 0: many test processes share the machine). */
  apiNiceness?: number;
  /** The clock of the progress on the printer's display (tests pass a manual one). */
  displayClock?: DisplayClock;
  /** The timer of power control's idle switch-off (tests pass a manual one). */
  powerIdleClock?: PowerClock;
}

export interface App {
  readonly basedir: Basedir;
  readonly config: ConfigStore;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly http: FastifyInstance;
  /** The push socket (SockJS and raw websocket at /sockjs) on the same port. */
  readonly push: PushServer;
  /** Uploaded files and their metadata. */
  readonly files: FileManager;
  /** Users, groups, sessions and keys (also validates push-socket sessions). */
  readonly access: AccessControl;
  /** The shared access-control store (accessControl.store), or null with the basedir's files. */
  readonly sharedStore: AccessStore | null;
  /** Application keys: the request workflow, the keys apps hold, their validation. */
  readonly appKeys: AppKeysService;
  /** The printer: its service (connection, profiles), the driver's client and the print job service. */
  readonly printer: PrinterSetup;
  /** The camera: stream and snapshots from an external streamer or a camera on this host (src/camera). */
  readonly camera: CameraService;
  /** config.yaml `events`: commands and G-code run on events. */
  readonly eventCommands: EventCommands;
  /** plugins.psucontrol: the printer's power. */
  readonly power: PowerControl;
  /** Timelapse capture and rendering. */
  readonly timelapse: TimelapseService;
  /** Starts listening; resolves with the address actually bound. */
  start(): Promise<{ host: string; port: number }>;
  /** Closes connections and flushes files. Safe to call twice. */
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const basedir = ensureBasedir(options.basedir);
  const config = ConfigStore.open(basedir.configFile);
  const logger = options.logger ?? createLogger({ logsDir: basedir.logs, level: config.config.logging.level });
  for (const warning of config.warnings) logger.warn(warning);
  if (!config.config.accessControl.enabled) {
    logger.warn(
      'ACCESS CONTROL IS OFF (accessControl.enabled: false in config.yaml): every request, from anyone who can reach this server, has full admin rights. Only do this on a network you trust completely.',
    );
  }
  const discovery = new DiscoveryService(config, logger);
  await discovery.prepare();
  // A listener that throws is logged; the event still reaches the others, and nothing else stops.
  const events = new EventBus((error, name) => logger.error({ err: error }, `a listener of the ${name} event failed`));
  const now = options.now ?? Date.now;
  const sharedStore = await openSharedStore(config, logger, now);
  const access = new AccessControl({ basedir, config, events, now, warn: (message) => logger.warn(message), argon2: options.argon2, store: sharedStore });
  const appKeys = AppKeysService.open({
    file: basedir.appkeysFile,
    document: sharedStore?.document('appkeys'),
    now,
    warn: (message) => logger.warn(message),
    limits: () => ({ perMinute: config.config.plugins.appkeys.requestRateLimit, enabled: config.config.devel.enableRateLimiter }),
  });
  // App keys authenticate like user keys; a revoked key's socket sessions end, a removed user's keys go.
  access.registerApiKeyValidator(appKeys);
  sharedStore?.onDidChange((name) => name === 'appkeys' && appKeys.refresh());
  appKeys.onDidRevoke((key) => access.endAppKeySessions(key.user, key.id));
  access.onDidChangeSessions((change) => {
    if (change.reason === 'removed' && change.userName) void appKeys.removeUser(change.userName).catch((error: unknown) => logger.warn({ err: error }, 'could not remove the app keys of a removed user'));
  });
  const setupMessage = access.setup.announcement();
  if (setupMessage) logger.warn(setupMessage);
  const files = await FileManager.open({
    uploads: basedir.uploads,
    events,
    onBadMetadata: (folder, error) => logger.warn({ err: error, folder }, 'unreadable .metadata.json ignored'),
    onError: (message, error) => logger.warn({ err: error }, message),
  });
  // Once the driver's process exists (it starts with the first connect, forked at this thread's priority), this thread
  // (HTTP, API, push) steps back a little, once. Until then nothing prints.
  let apiLowered = false;
  const lowerApi = (): void => {
    if (apiLowered) return;
    apiLowered = true;
    const priority = lowerApiPriority(options.apiNiceness ?? config.config.server.apiNiceness);
    if (priority) logger.info(priority);
  };
  // Power control switches on before a connect or a print; it is built over the printer, so the hooks find it later.
  const powerHooks: { power?: PowerControl } = {};
  const ensureOn = async (): Promise<void> => powerHooks.power?.ensureOn();
  const printer = createPrinterSetup({ config, basedir, events, logger, files, onDriverStarted: lowerApi, displayClock: options.displayClock, beforeConnect: ensureOn, beforePrint: ensureOn });
  const power = createPowerControl({ config, events, logger, printer, idleClock: options.powerIdleClock });
  powerHooks.power = power;
  const eventCommands = new EventCommands({
    events,
    settings: () => config.config.events,
    logger,
    current: () => printer.jobs.current(),
    sendGcode: (lines) => printer.driver.call('commands', lines),
    now,
    cwd: basedir.root,
  });
  const history = new PrintHistory({ file: join(basedir.data, 'print-history.json'), events, now, onError: (message, error) => logger.warn({ err: error }, message), completion: () => printer.jobs.completionAtEnd() });
  const camera = createCamera(config, logger);
  // Timelapse frames come from the camera: the built-in or proxied source, else an absolute webcam.snapshot URL.
  const timelapse = createTimelapse({
    config,
    basedir,
    events,
    logger,
    snapshot: () => camera.camera.snapshot(),
    cameraAvailable: () => camera.camera.canSnapshot(),
  });
  // This host's printers in the shared store's list, with the port it listens on once started.
  let publishedPort = options.port ?? config.config.server.port;
  const http = await createHttpApp({
    config,
    basedir,
    events,
    logger,
    authenticator: access,
    access,
    appKeys,
    files,
    jobs: printer.jobs,
    history,
    printer: printer.service,
    power,
    connectionOptions: () => printer.service.connectionOptions(),
    camera: camera.camera,
    timelapse,
    now,
    farm: farmView(sharedStore, config, printer.jobs, () => publishedPort),
  });
  const audit = new AuditLog({ file: join(basedir.logs, 'audit.log'), now, onError: (error) => logger.warn({ err: error }, 'could not write the audit log') });
  auditHttpRequests(http, audit);
  const push = await registerPush(http, {
    config,
    events,
    logger,
    authenticator: socketAuthenticatorFor(access),
    data: printerDataSource(printer.driver, printer.jobs),
    limits: { maxBufferedBytes: config.config.server.slowClients.pushQueueBytes },
    greetings: () => [{ type: 'timelapse', payload: timelapse.pushConfig() }],
  });
  timelapse.onDidChangeConfig((data) => push.sendMessage('timelapse', data));
  timelapse.onDidRenderProgress((progress) => push.sendMessage('renderProgress', { progress }));
  // Edits of config.yaml, users.yaml, groups.yaml, the app keys and printer profiles made behind the server (the CLI, an editor).
  const sync = syncSettingsFromDisk({ basedir, config, access, appKeys, profiles: printer.service.profiles, events, logger, applyLogLevel: options.logger === undefined });
  // Pending app key requests reach the UI sessions of the user they name (or of everyone who may grant keys).
  power.onDidPublish((isOn) => push.sendPluginMessage('psucontrol', { isPSUOn: isOn }));
  appKeys.onDidNotify((notice) => push.sendPluginMessage('appkeys', notice.data, { user: notice.user, permissions: ['PLUGIN_APPKEYS_GRANT'] }));
  // Printer prompts and notifications reach the sockets; //action:start and //action:shutdown act here.
  wireActionCommands({ driver: printer.driver, jobs: printer.jobs, config, push, logger });

  let stopped: Promise<void> | null = null;
  const publishing: Disposable | null = sharedStore
    ? publishPrinters({ store: sharedStore, config, printers: () => printerReports(config, printer.jobs, publishedPort), warn: (m) => logger.warn(m) })
    : null;
  return {
    basedir,
    config,
    events,
    logger,
    http,
    push,
    files,
    access,
    sharedStore,
    appKeys,
    printer,
    camera: camera.camera,
    eventCommands,
    power,
    timelapse,
    async start() {
      const host = options.host ?? config.config.server.host;
      const port = options.port ?? config.config.server.port;
      await http.listen({ host, port });
      await writeServerPid(basedir.pidFile);
      const address = http.server.address();
      const bound = typeof address === 'object' && address ? { host, port: address.port } : { host, port };
      discovery.start({ host, port }, bound);
      publishedPort = bound.port;
      events.emit('Startup', {});
      power.start();
      printer.autoconnect();
      return bound;
    },
    stop() {
      stopped ??= (async () => {
        events.emit('Shutdown', {});
        sync.dispose();
        eventCommands.dispose();
        power.dispose();
        await discovery.stop();
        await printer.stop();
        await history.close();
        camera.dispose();
        timelapse.dispose();
        access.endLoginWaits();
        await http.close();
        removeServerPid(basedir.pidFile);
        await files.close();
        await appKeys.close();
        await access.close();
        publishing?.dispose();
        await sharedStore?.close();
        await audit.flush();
        logger.flush?.();
      })();
      return stopped;
    },
  };
}
