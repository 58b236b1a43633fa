// G-code for the benchmarks: the fixtures, generated files of any size, the commands a host sends, their wire bytes and motion time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { commandCode, frameLine, prepareCommand } from '../../src/printer/protocol/index.js';
import { VirtualPrinter } from '../../src/printer/virtual/index.js';
import { repoRoot } from './server-process.js';

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'gcode');
export const BUNNY = join(FIXTURES, 'bunny.gcode');
export const TORUS = join(FIXTURES, 'torus.gcode');

/** Exactly `size` bytes of G-code (copies of the bunny), produced chunk by chunk: never more than one chunk in memory. */
export function generatedGcode(size: number, chunkBytes = 256 * 1024): Readable {
  const bunny = readFileSync(BUNNY);
  function* chunks(): Generator<Buffer> {
    let left = size;
    let offset = 0;
    while (left > 0) {
      const length = Math.min(chunkBytes, left, bunny.length - offset);
      yield bunny.subarray(offset, offset + length);
      left -= length;
      offset = (offset + length) % bunny.length;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** The commands a host sends for this G-code text, in order (comments and empty lines dropped, as the driver does). */
export function commandsOf(text: string): string[] {
  const commands: string[] = [];
  for (const line of text.split('\n')) {
    const command = prepareCommand(line.replace(/\r$/, ''));
    if (command !== null && !command.startsWith('@')) commands.push(command);
  }
  return commands;
}

/**
 * Bytes on the wire per command with one line in flight: the framed line `N<n> <command>*<checksum>\n` out and `ok\n`
 * back, line numbers counting up from `firstLineNumber`.
 */
export function wireBytes(commands: readonly string[], firstLineNumber: number): number {
  let bytes = 0;
  for (let i = 0; i < commands.length; i++) bytes += frameLine(commands[i] ?? '', firstLineNumber + i).length + 1 + 'ok\n'.length;
  return bytes;
}

/** Times the virtual printer's motion model gives each command (ms): moves and homing take time, everything else none. */
export class MotionClock {
  private readonly motion = new VirtualPrinter({ instant: true, sdCard: false }).firmware.motion;
  private feedrate: number | null = null;

  /** Applies one command and returns how long the printer's motion takes for it. */
  apply(command: string): number {
    const code = commandCode(command);
    const feed = /(?:^|\s)F([\d.]+)/.exec(command);
    if (feed && /^G[0-3]$/.test(code ?? '')) this.feedrate = Number(feed[1]);
    switch (code) {
      case 'G0': case 'G1': case 'G2': case 'G3': return this.motion.move(command);
      case 'G28': return this.motion.home(command);
      case 'G90': this.motion.setRelative(false); return 0;
      case 'G91': this.motion.setRelative(true); return 0;
      case 'G92': this.motion.setPosition(command); return 0;
      case 'M82': this.motion.setRelativeExtruder(false); return 0;
      case 'M83': this.motion.setRelativeExtruder(true); return 0;
      default: return 0;
    }
  }

  /** Commands that put a fresh printer in this state (absolute, position, feed rate) without moving it. */
  stateCommands(): string[] {
    const position = /X:(\S+) Y:(\S+) Z:(\S+) E:(\S+)/.exec(this.motion.report());
    const set = position ? [`G92 X${position[1]} Y${position[2]} Z${position[3]} E${position[4]}`] : [];
    return ['G90', 'M82', ...set, ...(this.feedrate ? [`G1 F${this.feedrate}`] : [])];
  }
}

export interface MotionSegment {
  /** G-code text: the state set-up, the window of commands, then M400 (so that the print ends when the motion does). */
  text: string;
  commands: number;
  /** Motion time of the whole segment in the virtual printer's model (ms). */
  motionMs: number;
  /** Fewest commands per second that keep the planner fed over the window. */
  linesPerSecondNeeded: number;
}

/** The `count` commands of the file that move for the shortest time (where a slow link starves the planner first). */
export function densestSegment(file: string, count: number): MotionSegment {
  const commands = commandsOf(readFileSync(file, 'latin1'));
  const clock = new MotionClock();
  const durations = commands.map((command) => clock.apply(command));
  let sum = 0;
  let best = Infinity;
  let start = 0;
  // Skip the start G-code (homing, heating) and look for the window with the least motion.
  const from = Math.min(100, Math.max(0, commands.length - count));
  for (let i = from; i < durations.length; i++) {
    sum += durations[i] ?? 0;
    if (i - from >= count) sum -= durations[i - count] ?? 0;
    if (i - from >= count - 1 && sum < best) {
      best = sum;
      start = i - count + 1;
    }
  }
  const prefix = new MotionClock();
  for (const command of commands.slice(0, start)) prefix.apply(command);
  const lines = [...prefix.stateCommands(), ...commands.slice(start, start + count), 'M400'];
  const replay = new MotionClock();
  const motionMs = lines.reduce((total, command) => total + replay.apply(command), 0);
  return { text: lines.join('\n') + '\n', commands: lines.length, motionMs, linesPerSecondNeeded: (count / best) * 1000 };
}

/** The first `count` commands of a file, as G-code text. */
export function firstCommands(file: string, count: number): string {
  return commandsOf(readFileSync(file, 'latin1')).slice(0, count).join('\n') + '\n';
}
