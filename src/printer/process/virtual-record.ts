// The virtual printer's record as the `virtualRecord` call answers it.
import type { VirtualPrinter } from '../virtual/index.js';
import type { VirtualRecord } from './driver-contract.js';

/** The record of a virtual printer, or of none (never connected to VIRTUAL). */
export function virtualRecordOf(printer: VirtualPrinter | null): VirtualRecord {
  if (!printer) return { received: null, faults: [], baudrate: null };
  return { received: printer.received.map((line) => line.command), faults: printer.injectedFaults.map((fault) => fault.fault), baudrate: printer.baudrate };
}
