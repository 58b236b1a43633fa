// What sent commands tell the host: Z height (for ZChange and currentZ), active tool, temperature targets, feed/flow.
import { numericParameter } from '../protocol/index.js';

export interface CommandEffectsListener {
  onZChange(newZ: number, oldZ: number | null): void;
  onTargetSet(heater: string, target: number): void;
}

/** Follows G0/G1/G28/G90/G91/G92/T/M104.. as they are sent. Cheap on the hot path: one char test for most lines. */
export class CommandEffects {
  private z: number | null = null;
  private relative = false;
  private tool = 0;

  constructor(private readonly listener: CommandEffectsListener) {}

  get currentZ(): number | null {
    return this.z;
  }

  get currentTool(): number {
    return this.tool;
  }

  reset(): void {
    this.z = null;
    this.relative = false;
    this.tool = 0;
  }

  /** `command` is prepared (comment stripped, upper-cased code). */
  sent(command: string): void {
    const c = command.charCodeAt(0);
    if (c === 71 /* G */) this.gCommand(command);
    else if (c === 77 /* M */) this.mCommand(command);
    else if (c === 84 /* T */) {
      const tool = Number(command.slice(1));
      if (Number.isInteger(tool) && tool >= 0) this.tool = tool;
    }
  }

  private gCommand(command: string): void {
    const c1 = command.charCodeAt(1);
    const c2 = command.charCodeAt(2);
    const endsCode = (index: number) => {
      const next = command.charCodeAt(index);
      return Number.isNaN(next) || next === 32;
    };
    if ((c1 === 48 || c1 === 49) && endsCode(2)) {
      // G0 / G1
      if (command.indexOf('Z', 2) < 0) return;
      const value = numericParameter(command, 'Z');
      if (value === undefined) return;
      this.moveZ(this.relative ? (this.z ?? 0) + value : value);
    } else if (c1 === 57 && c2 === 48 && endsCode(3)) this.relative = false; // G90
    else if (c1 === 57 && c2 === 49 && endsCode(3)) this.relative = true; // G91
    else if (c1 === 50 && c2 === 56 && endsCode(3)) {
      // G28 homes Z when no axis is named or Z is
      if (!/[XYZ]/.test(command.slice(3)) || command.indexOf('Z', 3) >= 0) this.moveZ(0);
    } else if (c1 === 57 && c2 === 50 && endsCode(3)) {
      // G92 sets the position without moving
      const value = numericParameter(command, 'Z');
      if (value !== undefined) this.moveZ(value);
    }
  }

  private mCommand(command: string): void {
    if (command.charCodeAt(1) !== 49 /* 1 */) return;
    const end = command.indexOf(' ');
    const code = end < 0 ? command : command.slice(0, end);
    let heater: string | null = null;
    if (code === 'M104' || code === 'M109') {
      const t = numericParameter(command, 'T');
      heater = `tool${t !== undefined && Number.isInteger(t) ? t : this.tool}`;
    } else if (code === 'M140' || code === 'M190') heater = 'bed';
    else if (code === 'M141' || code === 'M191') heater = 'chamber';
    if (heater === null) return;
    const target = numericParameter(command, 'S') ?? (code === 'M109' || code === 'M190' ? numericParameter(command, 'R') : undefined);
    if (target !== undefined) this.listener.onTargetSet(heater, target);
  }

  private moveZ(next: number): void {
    if (next === this.z) return;
    const old = this.z;
    this.z = next;
    this.listener.onZChange(next, old);
  }
}
