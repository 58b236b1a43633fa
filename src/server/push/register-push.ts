// Puts the push socket on the HTTP server: SockJS HTTP routes on fastify, websocket upgrades on the same port.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { accessControlDisabledIdentity } from '../../auth/index.js';
import type { PermissionKey } from '../../auth/index.js';
import type { ConfigStore } from '../../config/index.js';
import type { EventBus } from '../../events/index.js';
import { ConnectionLimiter } from './connection-limits.js';
import { connectedMessage } from './connected-message.js';
import { PushHub } from './push-hub.js';
import type { PluginMessageOptions } from './push-hub.js';
import { DEFAULT_LIMITS, DEFAULT_TIMINGS } from './push-types.js';
import type { PushDataSource, PushLimits, PushTimings, SocketAuthenticator } from './push-types.js';
import { registerSockjsRoutes } from './sockjs-http-routes.js';
import { SockjsSessionRegistry } from './sockjs-session-registry.js';
import { PushUpgradeHandler, refuseUnknownUpgrade } from './websocket-upgrade.js';

export interface PushServices {
  config: ConfigStore;
  events: EventBus;
  logger: Logger;
  authenticator: SocketAuthenticator;
  /** The printer side; null while there is none (sockets then get no `current` or `history`). */
  data: PushDataSource | null;
  /** Result of a connectivity check for `connected.online`; null (the default) when there is none. */
  online?: () => boolean | null;
  now?: () => number;
  limits?: Partial<PushLimits>;
  timings?: Partial<PushTimings>;
  /** Messages a socket gets once it may see the status (the timelapse configuration). */
  greetings?(): ReadonlyArray<{ type: string; payload: unknown }>;
}

export interface PushServer {
  /** Sends a `plugin` message `{plugin, data}` to every socket allowed to see it. */
  sendPluginMessage(plugin: string, data: unknown, options?: PluginMessageOptions): void;
  /** Sends a top-level message `{type: payload}` (`timelapse`, `renderProgress`) to every socket with the permissions (STATUS by default). */
  sendMessage(type: string, payload: unknown, permissions?: readonly PermissionKey[]): void;
  /** Open push connections (websockets and SockJS sessions). */
  readonly connectionCount: number;
  /** Sockets receiving `current` right now. */
  readonly stateListeners: number;
  /** Closes every push connection (also done by fastify's close). */
  close(): void;
}

export async function registerPush(app: FastifyInstance, services: PushServices): Promise<PushServer> {
  const limits: PushLimits = { ...DEFAULT_LIMITS, ...services.limits };
  const timings: PushTimings = { ...DEFAULT_TIMINGS, ...services.timings };
  const { config } = services;
  const hub = new PushHub({
    events: services.events,
    authenticator: services.authenticator,
    data: services.data,
    connected: () => connectedMessage({ config: config.config, online: services.online?.() ?? null, uiComponents: [] }),
    initialIdentity: () => (config.config.accessControl.enabled ? services.authenticator.guest() : accessControlDisabledIdentity()),
    limits,
    timings,
    now: services.now ?? Date.now,
    logger: services.logger,
    greetings: services.greetings,
  });
  const limiter = new ConnectionLimiter(limits.maxConnections, limits.maxConnectionsPerAddress);
  const sessions = new SockjsSessionRegistry(timings, limits.maxConnections * 2);
  const serverPort = (): number => {
    const address = app.server.address();
    return typeof address === 'object' && address ? address.port : config.config.server.port;
  };
  await registerSockjsRoutes(app, { config, hub, limiter, sessions, limits, timings, serverPort });

  const upgrades = new PushUpgradeHandler({ config, hub, limiter, limits, timings, serverPort });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (upgrades.handle(request, socket, head)) return;
    if (app.server.listenerCount('upgrade') === 1) refuseUnknownUpgrade(socket);
  };
  app.server.on('upgrade', onUpgrade);

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    app.server.off('upgrade', onUpgrade);
    hub.close();
    sessions.closeAll();
    upgrades.close();
  };
  app.addHook('preClose', async () => close());

  return {
    sendPluginMessage: (plugin, data, options) => hub.sendPluginMessage(plugin, data, options),
    sendMessage: (type, payload, permissions) => hub.sendMessage(type, payload, permissions),
    get connectionCount() {
      return limiter.count;
    },
    get stateListeners() {
      return hub.stateListeners;
    },
    close,
  };
}
