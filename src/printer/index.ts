// Public surface of src/printer: the printer service, the driver client (the driver runs in its own process), and what callers need of the parts.
export { PrinterService } from './printer-service.js';
export type { ConnectionOptions, ConnectionRequest, ConnectionState, PrinterServiceOptions } from './printer-service.js';
export { DriverClient, createDriverLauncher, createPrinterTransports, virtualPrinterSection, virtualRecordOf } from './process/index.js';
export type { Call, CallReply, DriverCalls, DriverClientOptions, DriverConfig, DriverLauncher, HostedSnapshot, StartDriverProcess, VirtualRecord } from './process/index.js';
export {
  PrinterDriver,
  extrudeCommands,
  feedRateCommand,
  flowRateCommand,
  formatLogLine,
  hasControlCharacters,
  homeCommand,
  jogCommands,
  settingsFromConfig,
  temperatureCommand,
} from './driver/index.js';
export type {
  Axis,
  DriverSnapshot,
  LogDirection,
  LogListener,
  PrintEnd,
  PrinterStateId,
  SdFile,
  SdTransferView,
  StateFlags,
  TemperatureHistoryPoint,
} from './driver/index.js';
export { DEFAULT_PROFILE_ID, PrinterProfileStore, defaultProfile, mergeDeep, sanitizeProfileId, validateProfile } from './profiles/index.js';
export type { PrinterProfile } from './profiles/index.js';
export { isPrinterMessage } from './protocol/index.js';
export { createTransportFactory, listBaudrates } from './transport/index.js';
export type { CombinedTransportFactory, Transport, TransportFactory, TransportFactoryOptions } from './transport/index.js';
