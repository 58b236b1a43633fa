// Public surface of src/printer/transport.
export type { Transport, TransportFactory } from './transport.js';
