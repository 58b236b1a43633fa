// What power control switches through: a G-code pair, a command pair, a smart plug over HTTP or a GPIO line.
export interface PowerSwitch {
  /** Switches; rejects when the device could not be reached or the command failed. */
  set(on: boolean): Promise<void>;
  /** Reads the state from the device; null when this switch cannot tell (power control then remembers the last switch). */
  read(): Promise<boolean | null>;
  /** Releases what the switch holds (a GPIO line). */
  dispose(): void;
}

export class PowerSwitchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PowerSwitchError';
  }
}
