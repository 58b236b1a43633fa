// The printer driver in a worker thread: the proxy the app uses, the transports from config.yaml, the message protocol.
export { DriverProxy } from './driver-proxy.js';
export type { DriverProxyOptions, StartThread } from './driver-proxy.js';
export { DriverHost } from './driver-host.js';
export type { DriverHostOptions } from './driver-host.js';
export { startDriverThread } from './driver-thread.js';
export type { DriverThread } from './driver-thread.js';
export { createPrinterTransports, virtualPrinterSection, virtualRecordOf } from './printer-transports.js';
export type { PrinterTransports } from './printer-transports.js';
export type { DriverConfig, DriverMethod, DriverMirror, FromDriver, ToDriver, VirtualRecord } from './thread-protocol.js';
