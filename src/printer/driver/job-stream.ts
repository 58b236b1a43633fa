// Turns a PrintSource into commands for the send channel: strips comments, handles @-commands, applies temperature offsets.
import { DEFAULT_UPPERCASE_EXCEPTIONS, prepareCommand, withoutFileFraming } from '../protocol/index.js';
import type { PrintSource } from './print-source.js';
import { SourceRefill } from './source-refill.js';

export interface JobStreamHooks {
  /** More lines were buffered after the stream ran dry: pump again. */
  onReadable(): void;
  /** Reading the file failed. */
  onReadError(error: Error): void;
  /** An `@command` line (OctoPrint host command) was reached, e.g. `@pause`; false stops handing out lines. */
  onHostCommand(command: string, parameters: string): boolean;
  /** The temperature offset for a heater (0 for none), applied to M104/M109/M140/M190/M141/M191 of the file. */
  offset(heater: string, currentTool: number): number;
  /** Whether any offset is set (a cheap test before looking at each temperature command). */
  hasOffsets(): boolean;
  currentTool(): number;
}

const OFFSET_COMMAND = /^M1(04|09|40|90|41|91)(?=\s|$)/;

export class JobStream {
  private readonly refill: SourceRefill;
  /** Commands handed to the send channel. */
  commandsSent = 0;

  constructor(
    private readonly source: PrintSource,
    private readonly hooks: JobStreamHooks,
  ) {
    this.refill = new SourceRefill(source, () => hooks.onReadable(), (error) => hooks.onReadError(error));
  }

  /** True when every line was read and handed out. */
  get finished(): boolean {
    return this.source.exhausted;
  }

  /** The next command to send, or null when none is ready (more is being read) or the file is done. */
  next(): string | null {
    for (;;) {
      const raw = this.source.nextLine();
      if (raw === null) {
        if (!this.source.exhausted) this.refill.request();
        return null;
      }
      const c = raw.charCodeAt(0);
      // Fast skips: empty lines and whole-line comments.
      if (c === 59 /* ; */ || raw.length === 0) continue;
      const prepared = prepareCommand(raw, DEFAULT_UPPERCASE_EXCEPTIONS);
      let command = prepared === null ? null : withoutFileFraming(prepared);
      if (command === null) continue;
      if (command.charCodeAt(0) === 64 /* @ */) {
        const space = command.indexOf(' ');
        const name = (space < 0 ? command.slice(1) : command.slice(1, space)).toLowerCase();
        if (this.hooks.onHostCommand(name, space < 0 ? '' : command.slice(space + 1).trim())) continue;
        return null;
      }
      if (command.charCodeAt(0) === 77 /* M */ && this.hooks.hasOffsets()) command = this.applyOffset(command);
      this.commandsSent++;
      return command;
    }
  }

  close(): void {
    this.refill.close();
  }

  private applyOffset(command: string): string {
    const match = OFFSET_COMMAND.exec(command);
    if (!match) return command;
    const kind = match[1];
    let heater: string;
    if (kind === '04' || kind === '09') {
      const tool = /\sT(\d+)/.exec(command);
      heater = `tool${tool ? Number(tool[1]) : this.hooks.currentTool()}`;
    } else heater = kind === '40' || kind === '90' ? 'bed' : 'chamber';
    const offset = this.hooks.offset(heater, this.hooks.currentTool());
    if (offset === 0) return command;
    return command.replace(/(\s)S([-+]?\d*\.?\d+)/, (_all, space: string, value: string) => {
      const target = Number(value);
      return target > 0 ? `${space}S${+(target + offset).toFixed(2)}` : `${space}S${value}`;
    });
  }
}
