// The printer driver in its own process: the client the web side uses, the contract, and the transports from config.yaml.
export { DriverClient, offlineSnapshot } from './driver-client.js';
export type { DriverClientOptions, StartDriverProcess } from './driver-client.js';
export { startDriverProcess } from './driver-process.js';
export { createDriverLauncher } from './driver-launcher.js';
export type { DriverLauncher } from './driver-launcher.js';
export type { DriverProcess } from './driver-process.js';
export { CallClient } from './call-client.js';
export { CallHost } from './call-host.js';
export { createDriverHost } from './driver-host.js';
export type { DriverHost } from './driver-host.js';
export { createPrinterTransports } from './printer-transports.js';
export type { PrinterTransports } from './printer-transports.js';
export { virtualPrinterSection } from './virtual-printer-section.js';
export { virtualRecordOf } from './virtual-record.js';
export type { Call, CallArgs, CallReply, CallTarget, DriverCalls, DriverConfig, DriverEvent, FromDriver, HostedSnapshot, VirtualRecord } from './driver-contract.js';
