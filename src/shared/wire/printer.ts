// Wire types of the printer's state: the flags OctoPrint reports in `state.flags` (GET /api/printer, push `current`).

/** What the printer is doing, as booleans; several can hold at once (e.g. operational and printing). */
export interface StateFlags {
  operational: boolean;
  printing: boolean;
  cancelling: boolean;
  pausing: boolean;
  resuming: boolean;
  finishing: boolean;
  closedOrError: boolean;
  error: boolean;
  paused: boolean;
  ready: boolean;
  sdReady: boolean;
}
