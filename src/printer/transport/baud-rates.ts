// Baud rates offered for serial connections, as OctoPrint offers them, and the order autodetection tries them in.

/** The baud rate value meaning "detect it" (OctoPrint's AUTO). */
export const AUTO_BAUDRATE = 0;

/** Baud rates listed to users, fastest first (OctoPrint's list). */
export const BAUDRATES: readonly number[] = [250000, 230400, 115200, 57600, 38400, 19200, 9600];

/** The order autodetection tries baud rates in, most likely first (OctoPrint's order). */
export const AUTODETECT_BAUDRATES: readonly number[] = [115200, 250000, 230400, 57600, 38400, 19200, 9600];

export interface BaudrateOptions {
  /** Extra rates from config (OctoPrint `serial.additionalBaudrates`). */
  readonly additional?: readonly number[];
  /** Rates never to offer or try (OctoPrint `serial.blacklistedBaudrates`). */
  readonly blacklisted?: readonly number[];
}

function valid(rate: number): boolean {
  return Number.isInteger(rate) && rate > 0;
}

/** The rates to show users: the standard ones plus additional ones, fastest first, without blacklisted ones. */
export function listBaudrates(options: BaudrateOptions = {}): number[] {
  const rates = new Set([...BAUDRATES, ...(options.additional ?? []).filter(valid)]);
  for (const rate of options.blacklisted ?? []) rates.delete(rate);
  return [...rates].sort((a, b) => b - a);
}

/**
 * The rates autodetection should try, in order: the last rate that worked first, then additional rates
 * (fastest first), then the standard order; blacklisted rates are left out.
 */
export function autodetectBaudrates(options: BaudrateOptions & { readonly preferred?: number } = {}): number[] {
  const ordered = [
    ...(options.preferred !== undefined && valid(options.preferred) ? [options.preferred] : []),
    ...[...(options.additional ?? [])].filter(valid).sort((a, b) => b - a),
    ...AUTODETECT_BAUDRATES,
  ];
  const blacklisted = new Set(options.blacklisted ?? []);
  return [...new Set(ordered)].filter((rate) => !blacklisted.has(rate));
}
