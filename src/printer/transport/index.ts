// Public surface of src/printer/transport.
export type { Transport, TransportFactory } from './transport.js';
export { AUTO_BAUDRATE, AUTODETECT_BAUDRATES, BAUDRATES, autodetectBaudrates, listBaudrates } from './baud-rates.js';
export type { BaudrateOptions } from './baud-rates.js';
export { DEFAULT_PORT_PATTERNS, globToRegExp, listSerialPorts } from './port-listing.js';
export type { PortListingOptions } from './port-listing.js';
export { SerialTransport, describeLostPort, describeSerialError } from './serial-transport.js';
export type { SerialPortLike, SerialPortSettings, SerialTransportOptions } from './serial-transport.js';
export { CombinedTransportFactory, createTransportFactory } from './transport-factory.js';
export type { TransportCreator, TransportFactoryOptions } from './transport-factory.js';
