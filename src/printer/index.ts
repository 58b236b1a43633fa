// Public surface of src/printer: the printer service (driver + profiles + transports) and what callers need of its parts.
export { PrinterService } from './printer-service.js';
export type { ConnectionOptions, ConnectionRequest, ConnectionState, PrinterServiceOptions } from './printer-service.js';
export * from './driver/index.js';
export * from './profiles/index.js';
export { createTransportFactory, listBaudrates } from './transport/index.js';
export type { CombinedTransportFactory, Transport, TransportFactory, TransportFactoryOptions } from './transport/index.js';
export * from './thread/index.js';
