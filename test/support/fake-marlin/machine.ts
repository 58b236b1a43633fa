// The fake printer's machine: heaters that jump to their target, a position, and what Marlin prints for each command.

export type HeaterName = 'tool' | 'bed';

const TEMPERATURE_CODES: Record<string, HeaterName> = { M104: 'tool', M109: 'tool', M140: 'bed', M190: 'bed' };

/** The command's code (`G1`, `M105`), or its first word. */
export function commandCode(command: string): string {
  return /^[GMT]\d+/.exec(command)?.[0] ?? command.split(/\s/)[0] ?? '';
}

/** A numeric parameter (`S` of `M104 S200`), or null. */
export function parameter(command: string, letter: string): number | null {
  const match = new RegExp(`\\s${letter}(-?\\d*\\.?\\d+)`).exec(command);
  return match ? Number(match[1]) : null;
}

export class Machine {
  readonly heaters: Record<HeaterName, { actual: number; target: number }> = { tool: { actual: 21.3, target: 0 }, bed: { actual: 20.8, target: 0 } };
  private readonly position = { X: 0, Y: 0, Z: 0, E: 0 };
  /** The SD card's files (upper-case 8.3 names) and their lines; the file M28 writes into, or null. */
  private readonly sdFiles = new Map<string, string[]>();
  private writing: string[] | null = null;

  constructor(
    private readonly autoreportCapability: boolean,
    /** Marlin built with HOST_PROMPT_SUPPORT and EMERGENCY_PARSER (reported by M115). */
    private readonly hostPrompts = false,
  ) {}

  /** The heater a temperature command sets (M104/M109: tool, M140/M190: bed), or undefined. */
  heaterOf(code: string): HeaterName | undefined {
    return TEMPERATURE_CODES[code];
  }

  temperatureText(): string {
    const { tool, bed } = this.heaters;
    return `T:${tool.actual.toFixed(2)} /${tool.target.toFixed(2)} B:${bed.actual.toFixed(2)} /${bed.target.toFixed(2)} @:0 B@:0`;
  }

  /** While M28 writes a file, every command but M29 goes into it instead of running (true: it was written). */
  capture(command: string): boolean {
    if (!this.writing || commandCode(command) === 'M29') return false;
    this.writing.push(command);
    return true;
  }

  /** The lines of a file on the SD card (written by M28/M29), or undefined. */
  sdFile(name: string): string[] | undefined {
    return this.sdFiles.get(name.replace(/^\//, '').toUpperCase());
  }

  /** Carries out a command: the lines Marlin prints before its ok. */
  execute(command: string): string[] {
    const code = commandCode(command);
    const heater = this.heaterOf(code);
    if (heater) {
      const target = parameter(command, 'S') ?? 0;
      this.heaters[heater].target = target;
      this.heaters[heater].actual = target > 0 ? target : 21;
      return [];
    }
    switch (code) {
      case 'G0':
      case 'G1':
      case 'G92':
        for (const axis of ['X', 'Y', 'Z', 'E'] as const) {
          const value = parameter(command, axis);
          if (value !== null) this.position[axis] = value;
        }
        return [];
      case 'G28':
        this.position.X = this.position.Y = this.position.Z = 0;
        return [];
      case 'M115':
        return [
          'FIRMWARE_NAME:Marlin 2.1.2.4 (fake-marlin) SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:Fake EXTRUDER_COUNT:1 UUID:cede2a2f-41a2-4748-9b12-c55c62f367ff',
          `Cap:AUTOREPORT_TEMP:${this.autoreportCapability ? 1 : 0}`,
          'Cap:AUTOREPORT_POS:0',
          'Cap:BUSY_PROTOCOL:1',
          `Cap:EMERGENCY_PARSER:${this.hostPrompts ? 1 : 0}`,
          `Cap:HOST_ACTION_COMMANDS:${this.hostPrompts ? 1 : 0}`,
          `Cap:PROMPT_SUPPORT:${this.hostPrompts ? 1 : 0}`,
          'Cap:EXTENDED_M20:0',
        ];
      case 'M114': {
        const p = this.position;
        return [`X:${p.X.toFixed(2)} Y:${p.Y.toFixed(2)} Z:${p.Z.toFixed(2)} E:${p.E.toFixed(2)} Count X:0 Y:0 Z:0`];
      }
      case 'M21':
        return ['echo:SD card ok'];
      case 'M118':
        return [echoText(command)];
      case 'M20':
        return ['Begin file list', ...[...this.sdFiles].map(([name, lines]) => `${name} ${lines.join('\n').length + (lines.length > 0 ? 1 : 0)}`), 'End file list'];
      case 'M28': {
        const name = command.slice(3).trim();
        this.writing = [];
        this.sdFiles.set(name.replace(/^\//, '').toUpperCase(), this.writing);
        return [`Writing to file: ${name}`];
      }
      case 'M29':
        this.writing = null;
        return ['Done saving file.'];
      case 'M30': {
        const name = command.slice(3).trim();
        return this.sdFiles.delete(name.replace(/^\//, '').toUpperCase()) ? [`File deleted:${name}`] : [`Deletion failed, File: ${name}.`];
      }
      default:
        if (/^[GMT]\d+$/.test(code)) return [];
        return [`echo:Unknown command: "${command}"`];
    }
  }

  /** The ok for a command (M105 carries the temperatures). */
  okFor(command: string): string {
    return /^M105(?!\d)/.test(command) ? `ok ${this.temperatureText()}` : 'ok';
  }
}

/** M118's text: `A1` prefixes `//` (so `M118 A1 action:pause` sends `//action:pause`), `E1` prefixes `echo:`. */
function echoText(command: string): string {
  let text = command.replace(/^M118\s*/i, '');
  let prefix = '';
  for (let flag = /^([AE])1\s*/i.exec(text); flag; flag = /^([AE])1\s*/i.exec(text)) {
    prefix += flag[1]?.toUpperCase() === 'A' ? '//' : 'echo:';
    text = text.slice(flag[0].length);
  }
  return prefix + text;
}
