// Firmware retraction (G10/G11) as set by M207/M208: the filament moves they stand for.

/** One filament move: amount in mm (negative retracts), feedrate in mm/min. */
export interface FilamentMove {
  amount: number;
  feedrate: number;
}

/**
 * Lengths start at 0, so G10/G11 take no time until M207 says how far to retract (OctoPrint's rule); the
 * feedrates start at Marlin's defaults (45 mm/s retract, 8 mm/s recover).
 */
export class FirmwareRetraction {
  private length = 0;
  private feedrate = 2700;
  private recoverExtra = 0;
  private recoverFeedrate = 480;

  /** M207 (`recover` false) or M208 (`recover` true): S length in mm, F feedrate in mm/min, already in mm. */
  configure(recover: boolean, length: number | undefined, feedrate: number | undefined): void {
    if (recover) {
      if (length !== undefined) this.recoverExtra = length;
      if (feedrate !== undefined && feedrate > 0) this.recoverFeedrate = feedrate;
    } else {
      if (length !== undefined) this.length = length;
      if (feedrate !== undefined && feedrate > 0) this.feedrate = feedrate;
    }
  }

  /** G10. */
  retract(): FilamentMove {
    return { amount: -this.length, feedrate: this.feedrate };
  }

  /** G11: back the retracted length plus M208's extra. */
  recover(): FilamentMove {
    return { amount: this.length + this.recoverExtra, feedrate: this.recoverFeedrate };
  }
}
