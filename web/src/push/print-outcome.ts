// How the last print ended (finished, cancelled, failed, and at how many percent), from the push events of this page
// (kept by printer-state.ts, so it is known on every screen) or, for a page opened later, from the print history.

export interface PrintOutcome {
  kind: 'done' | 'cancelled' | 'failed';
  /** Completion (0–100) when it ended, or null when unknown. */
  completion: number | null;
  /** OctoPrint's `reason` of a failure (`error`, ...), else null. */
  reason: string | null;
}

/**
 * The outcome an end event means, given the last completion seen while printing; null for PrintStarted (a new print
 * clears the old outcome) and `undefined` for events that change nothing (PrintFailed that follows PrintCancelled).
 */
export function outcomeOfEvent(type: string, payload: unknown, lastCompletion: number | null): PrintOutcome | null | undefined {
  const reason = (payload as { reason?: unknown } | null)?.reason;
  switch (type) {
    case 'PrintStarted':
      return null;
    case 'PrintDone':
      return { kind: 'done', completion: 100, reason: null };
    case 'PrintCancelled':
      return { kind: 'cancelled', completion: lastCompletion, reason: null };
    case 'PrintFailed':
      if (reason === 'cancelled') return undefined;
      return { kind: 'failed', completion: lastCompletion, reason: typeof reason === 'string' ? reason : null };
    default:
      return undefined;
  }
}

/** The outcome a print history entry records (how the last print ended, for a page opened after it ended). */
export function outcomeOfEntry(entry: { result: 'done' | 'cancelled' | 'failed'; completion: number | null; reason: string | null }): PrintOutcome {
  if (entry.result === 'done') return { kind: 'done', completion: 100, reason: null };
  return { kind: entry.result, completion: entry.completion, reason: entry.result === 'failed' ? entry.reason : null };
}

/** "Cancelled at 11 %", "Failed at 42 % (error)", "Finished". */
export function outcomeText(outcome: PrintOutcome): string {
  const at = outcome.completion === null ? '' : ` at ${Math.floor(outcome.completion)} %`;
  if (outcome.kind === 'done') return 'Finished';
  if (outcome.kind === 'cancelled') return `Cancelled${at}`;
  return `Failed${at}${outcome.reason && outcome.reason !== 'error' ? ` (${outcome.reason})` : ''}`;
}
