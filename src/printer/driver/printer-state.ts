// The connection/print state machine's states, with OctoPrint's state ids, texts and flags.
import type { StateFlags } from '../../shared/index.js';

export type { StateFlags };

export type PrinterStateId =
  | 'OFFLINE'
  | 'OPEN_SERIAL'
  | 'DETECT_SERIAL'
  | 'CONNECTING'
  | 'OPERATIONAL'
  | 'STARTING'
  | 'PRINTING'
  | 'PAUSING'
  | 'PAUSED'
  | 'RESUMING'
  | 'CANCELLING'
  | 'FINISHING'
  | 'ERROR'
  | 'CLOSED_WITH_ERROR';

const TEXTS: Record<PrinterStateId, string> = {
  OFFLINE: 'Offline',
  OPEN_SERIAL: 'Opening serial connection',
  DETECT_SERIAL: 'Detecting serial connection',
  CONNECTING: 'Connecting',
  OPERATIONAL: 'Operational',
  STARTING: 'Starting',
  PRINTING: 'Printing',
  PAUSING: 'Pausing',
  PAUSED: 'Paused',
  RESUMING: 'Resuming',
  CANCELLING: 'Cancelling',
  FINISHING: 'Finishing',
  ERROR: 'Error',
  CLOSED_WITH_ERROR: 'Offline after error',
};

const OPERATIONAL = new Set<PrinterStateId>(['OPERATIONAL', 'STARTING', 'PRINTING', 'PAUSING', 'PAUSED', 'RESUMING', 'CANCELLING', 'FINISHING']);
const PRINTING = new Set<PrinterStateId>(['STARTING', 'PRINTING', 'PAUSING', 'RESUMING', 'CANCELLING', 'FINISHING']);

/**
 * OctoPrint's state text; SD prints say "Printing from SD" / "Starting print from SD", a file being copied onto the
 * card "Sending file to SD" / "Starting to send file to SD".
 */
export function stateText(state: PrinterStateId, fromSd = false, toSd = false): string {
  if (fromSd && state === 'PRINTING') return 'Printing from SD';
  if (fromSd && state === 'STARTING') return 'Starting print from SD';
  if (toSd && state === 'PRINTING') return 'Sending file to SD';
  if (toSd && state === 'STARTING') return 'Starting to send file to SD';
  return TEXTS[state];
}

export function isOperationalState(state: PrinterStateId): boolean {
  return OPERATIONAL.has(state);
}

/** Printing in OctoPrint's sense: a job is streaming or wrapping up (not paused). */
export function isPrintingState(state: PrinterStateId): boolean {
  return PRINTING.has(state);
}

/** A job exists: printing or paused. */
export function hasActiveJob(state: PrinterStateId): boolean {
  return PRINTING.has(state) || state === 'PAUSED';
}

export function stateFlags(state: PrinterStateId, sdReady: boolean): StateFlags {
  const operational = OPERATIONAL.has(state);
  const printing = PRINTING.has(state);
  return {
    operational,
    printing,
    cancelling: state === 'CANCELLING',
    pausing: state === 'PAUSING',
    resuming: state === 'RESUMING',
    finishing: state === 'FINISHING',
    closedOrError: state === 'OFFLINE' || state === 'ERROR' || state === 'CLOSED_WITH_ERROR',
    error: state === 'ERROR' || state === 'CLOSED_WITH_ERROR',
    paused: state === 'PAUSED',
    ready: operational && !printing && state !== 'PAUSED',
    sdReady: operational && sdReady,
  };
}
