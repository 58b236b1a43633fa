// Public surface of src/server/push: the OctoPrint push socket (SockJS + raw websocket) on the HTTP server.
export { registerPush } from './register-push.js';
export type { PushServer, PushServices } from './register-push.js';
export type { PluginMessageOptions } from './push-hub.js';
export { DEFAULT_LIMITS, DEFAULT_TIMINGS, MAX_THROTTLE } from './push-types.js';
export type {
  BusyFile,
  PushDataSource,
  PushLimits,
  PushStateSnapshot,
  PushTimings,
  ReauthReason,
  SocketAuthenticator,
  SocketSessionChange,
  TemperaturePoint,
} from './push-types.js';
export { socketAuthenticatorFor } from './access-control-sockets.js';
export type { SocketSessionSource } from './access-control-sockets.js';
export { printerDataSource } from './printer-data-source.js';
export type { JobFeed, PrinterFeed } from './printer-data-source.js';
