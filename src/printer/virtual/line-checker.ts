// Marlin's checks of received lines: line number must be last + 1 (except M110), a numbered line needs a valid checksum.
import { commandCode, parseFramedLine } from '../protocol/index.js';
import type { ParsedLine } from '../protocol/index.js';

export type LineCheck =
  | { readonly ok: true; readonly line: ParsedLine }
  /** `lines` are what Marlin answers: the error, `Resend: last+1` and `ok`. */
  | { readonly ok: false; readonly lines: readonly string[] };

export class LineChecker {
  /** Marlin's `gcode_LastN`. */
  lastLine = 0;

  check(raw: string): LineCheck {
    const line = parseFramedLine(raw);
    if (line.lineNumber !== null) {
      if (line.lineNumber !== this.lastLine + 1 && commandCode(line.command) !== 'M110') {
        return this.reject('Line Number is not Last Line Number+1');
      }
      if (line.computedChecksum === null) return this.reject('No Checksum with line number');
      if (!line.checksumValid) return this.reject('checksum mismatch');
    } else if (line.computedChecksum !== null) {
      return this.reject('No Line Number with checksum');
    }
    return { ok: true, line };
  }

  /** Marks a checked line as taken (a rejected or corrupted line is not). */
  accept(line: ParsedLine): void {
    if (line.lineNumber !== null) this.lastLine = line.lineNumber;
  }

  /** The answer to a line the transmission corrupted (fault injection). */
  corrupted(): readonly string[] {
    return this.answer('checksum mismatch');
  }

  private reject(error: string): LineCheck {
    return { ok: false, lines: this.answer(error) };
  }

  private answer(error: string): readonly string[] {
    return [`Error:${error}, Last Line: ${this.lastLine}`, `Resend: ${this.lastLine + 1}`, 'ok'];
  }
}
