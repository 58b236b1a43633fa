// Public surface of src/printer/virtual: the virtual Marlin printer (a Transport) and its options.
export { VIRTUAL_PORT, VirtualPrinter } from './virtual-printer.js';
export { DEFAULT_VIRTUAL_PRINTER_OPTIONS, resolveVirtualPrinterOptions } from './virtual-options.js';
export type { VirtualPrinterOptions } from './virtual-options.js';
export { virtualPrinterOptionsFromConfig } from './virtual-config.js';
export type { VirtualPrinterConfig } from './virtual-config.js';
export type { FaultKind, InjectedFault, ReceivedLine } from './bounded-log.js';
export { DEFAULT_SD_FILES, SdCard } from './sd-card.js';
export type { SdFile, SdSeedFile } from './sd-card.js';
export type { CommandExecutor } from './command-executor.js';
export { SeededRandom } from './seeded-random.js';
