// The composition root: builds every service once, in order, wires their events, and owns start and stop.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AccessControl, AppKeysService } from '../auth/index.js';
import type { AccessStore, Argon2Parameters } from '../auth/index.js';
import { ConfigStore, ensureBasedir } from '../config/index.js';
import type { Basedir } from '../config/index.js';
import { EventBus } from '../events/index.js';
import { FileManager } from '../files/index.js';
import { createHttpApp } from '../server/http/index.js';
import { printerDataSource, registerPush, socketAuthenticatorFor } from '../server/push/index.js';
import type { PushServer } from '../server/push/index.js';
import type { Disposable } from '../shared/index.js';
import { auditHttpRequests } from './audit-http.js';
import { AuditLog } from './audit-log.js';
import { DiscoveryService } from './discovery/index.js';
import { createLogger } from './logging.js';
import { createPrinterSetup } from './printer-setup.js';
import { removeServerPid, writeServerPid } from './server-pid.js';
import { farmView, openSharedStore, printerReports, publishPrinters } from './shared-store.js';
import { syncSettingsFromDisk } from './settings-sync.js';
import type { PrinterSetup } from './printer-setup.js';
import { lowerApiPriority } from './api-priority.js';

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
  const printer = createPrinterSetup({ config, basedir, events, logger, files, onDriverStarted: lowerApi });
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
    printer: printer.service,
    connectionOptions: () => printer.service.connectionOptions(),
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
  });
  // Edits of config.yaml, users.yaml, groups.yaml, the app keys and printer profiles made behind the server (the CLI, an editor).
  const sync = syncSettingsFromDisk({ basedir, config, access, appKeys, profiles: printer.service.profiles, events, logger, applyLogLevel: options.logger === undefined });
  // Pending app key requests reach the UI sessions of the user they name (or of everyone who may grant keys).
  appKeys.onDidNotify((notice) => push.sendPluginMessage('appkeys', notice.data, { user: notice.user, permissions: ['PLUGIN_APPKEYS_GRANT'] }));

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
      printer.autoconnect();
      return bound;
    },
    stop() {
      stopped ??= (async () => {
        events.emit('Shutdown', {});
        sync.dispose();
        await discovery.stop();
        await printer.stop();
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
