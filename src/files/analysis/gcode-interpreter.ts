// Executes G-code commands: position, units and modes, extrusion per tool, bounding boxes, motion for the time model.
import { arcBetween, arcExtremes, arcSegments } from './arc-geometry.js';
import { BoundingBox } from './bounding-box.js';
import { ExtrusionTracker } from './extrusion-tracker.js';
import { FirmwareRetraction } from './firmware-retraction.js';
import type { FilamentMove } from './firmware-retraction.js';
import { param } from './gcode-command-parser.js';
import type { GcodeCommand } from './gcode-command-parser.js';
import { applyLimitCommand } from './machine-limits.js';
import type { MachineLimits } from './machine-limits.js';
import { MachinePosition } from './machine-position.js';
import { MOVE_DE, MOVE_DX, MOVE_DY, MOVE_DZ, MOVE_FEEDRATE } from './time-model.js';
import type { TimeModel } from './time-model.js';

export interface InterpreterSettings {
  /** mm/min. */
  initialFeedrate: number;
  extruderOffsets: ReadonlyArray<readonly [number, number]>;
  maxExtruders: number;
  g90InfluencesExtruder: boolean;
  bedZ: number;
}

const X = param('X');
const Y = param('Y');
const Z = param('Z');
const E = param('E');
const F = param('F');
const I = param('I');
const J = param('J');
const R = param('R');
const S = param('S');
const P = param('P');
const L = param('L');
const E_BIT = 1 << E;
const LETTER_G = 0x47;
const LETTER_M = 0x4d;
const MM_PER_INCH = 25.4;

/**
 * Follows the machine through the file the way OctoPrint's analyser does (same extrusion and bounding-box rules),
 * and hands every move to the time model.
 */
export class GcodeInterpreter {
  readonly extrusion = new ExtrusionTracker();
  readonly printing: BoundingBox;
  readonly travel: BoundingBox;
  private readonly offsets: ReadonlyArray<readonly [number, number]>;
  private readonly maxExtruders: number;
  private readonly g90InfluencesExtruder: boolean;
  private readonly machine: MachinePosition;
  private readonly retraction = new FirmwareRetraction();
  /** The current position is already recorded in the travel / printing box. */
  private positionInTravel = false;
  private positionInPrinting = false;

  constructor(
    private readonly time: TimeModel,
    private readonly limits: MachineLimits,
    settings: InterpreterSettings,
  ) {
    this.printing = new BoundingBox(settings.bedZ);
    this.travel = new BoundingBox(settings.bedZ);
    this.offsets = settings.extruderOffsets;
    this.maxExtruders = settings.maxExtruders;
    this.g90InfluencesExtruder = settings.g90InfluencesExtruder;
    this.machine = new MachinePosition(settings.initialFeedrate);
  }

  execute(command: GcodeCommand): void {
    if (command.letter === LETTER_G) this.gCommand(command);
    else if (command.letter === LETTER_M) this.mCommand(command);
    else this.selectTool(command.code);
  }

  private gCommand(command: GcodeCommand): void {
    switch (command.code) {
      case 0:
      case 1:
        this.linearMove(command);
        break;
      case 2:
      case 3:
        this.arcMove(command, command.code === 2);
        break;
      case 4: {
        const seconds = command.get(S);
        const millis = command.get(P);
        this.time.dwell(seconds !== undefined ? seconds : millis !== undefined ? millis / 1000 : 0);
        break;
      }
      case 10: // firmware retraction (with P or L it sets tool or workspace data instead)
        if (!command.has(P) && !command.has(L)) this.filamentMove(this.retraction.retract());
        break;
      case 11:
        this.filamentMove(this.retraction.recover());
        break;
      case 20:
        this.machine.unitScale = MM_PER_INCH;
        break;
      case 21:
        this.machine.unitScale = 1;
        break;
      case 28:
        this.home(command);
        break;
      case 90:
      case 91:
        this.machine.relative = command.code === 91;
        if (this.g90InfluencesExtruder) this.machine.relativeE = this.machine.relative;
        break;
      case 92:
        if (command.subcode <= 0) this.setPosition(command);
        break;
    }
  }

  private mCommand(command: GcodeCommand): void {
    const code = command.code;
    switch (code) {
      case 82:
      case 83:
        this.machine.relativeE = code === 83;
        return;
      case 0: // pauses and waits end the motion before them
      case 1:
      case 109:
      case 190:
      case 191:
      case 400:
        this.time.stop();
        return;
      case 207:
      case 208: {
        const scale = (value: number | undefined): number | undefined => (value === undefined ? undefined : value * this.machine.unitScale);
        this.retraction.configure(code === 208, scale(command.get(S)), scale(command.get(F)));
        return;
      }
      case 220: {
        const percent = command.get(S);
        if (percent !== undefined && percent > 0) this.machine.setFeedFactor(percent / 100);
        return;
      }
      case 605: {
        const mode = command.get(S);
        this.extrusion.duplicating = mode === 2 || mode === 4 || mode === 5 || mode === 6;
        return;
      }
      case 201:
      case 203:
      case 204:
      case 205:
        applyLimitCommand(code, (letter) => command.get(param(letter)), this.limits, this.machine.unitScale);
    }
  }

  /**
   * Books the command's E word to the current tool and leaves the extrusion it stands for in `move[slot]` (0 without
   * one): the number goes through a typed array so that it is never boxed between calls.
   */
  private extrude(command: GcodeCommand, move: Float64Array, slot: number): void {
    move[slot] = 0;
    if ((command.mask & E_BIT) === 0) return;
    const value = command.values[E] as number;
    if (value !== value) return;
    const machine = this.machine;
    move[slot] = value * machine.unitScale;
    this.extrusion.extrudeWord(move, slot, machine.relative || machine.relativeE);
  }

  /**
   * G0/G1, the bulk of every file. Numbers stay in locals and typed arrays, and no call on this path takes or
   * returns one, so nothing is allocated per move.
   */
  private linearMove(command: GcodeCommand): void {
    const machine = this.machine;
    const moved = machine.moveTo(command);
    const { position, start } = machine;
    const time = this.time;
    const next = time.next;
    this.extrude(command, next, MOVE_DE);
    if (moved) {
      const extruding = (next[MOVE_DE] as number) > 0;
      // The start is in a box already when the previous move ended there (saves half the work).
      if (!this.positionInTravel) this.travel.recordPoint(start);
      this.travel.recordPoint(position);
      this.positionInTravel = true;
      if (extruding) {
        if (!this.positionInPrinting) this.printing.recordPoint(start);
        this.printing.recordPoint(position);
      }
      this.positionInPrinting = extruding;
    }
    next[MOVE_DX] = (position[0] as number) - (start[0] as number);
    next[MOVE_DY] = (position[1] as number) - (start[1] as number);
    next[MOVE_DZ] = (position[2] as number) - (start[2] as number);
    next[MOVE_FEEDRATE] = machine.speed;
    time.commit();
  }

  private arcMove(command: GcodeCommand, clockwise: boolean): void {
    const machine = this.machine;
    const scale = machine.unitScale;
    const scaled = (value: number | undefined): number | undefined => (value === undefined ? undefined : value * scale);
    machine.moveTo(command);
    const [x0, y0, z0] = machine.start as unknown as [number, number, number];
    const [x, y, z] = machine.position as unknown as [number, number, number];
    this.extrude(command, this.time.next, MOVE_DE);
    const e = this.time.next[MOVE_DE] as number;
    const arc = arcBetween(x0, y0, x, y, clockwise, scaled(command.get(I)), scaled(command.get(J)), scaled(command.get(R)));
    // Without a valid arc (firmware refuses it) the move counts as the straight line to its end.
    const boxes = e > 0 ? [this.travel, this.printing] : [this.travel];
    for (const box of boxes) {
      box.record(x0, y0, z0);
      box.record(x, y, z);
      if (arc) {
        const extremes = arcExtremes(arc, x0, y0, x, y);
        box.recordXY(extremes.minX, extremes.maxX, extremes.minY, extremes.maxY);
      }
    }
    this.positionInTravel = true;
    this.positionInPrinting = e > 0;
    const speed = machine.speed;
    if (!arc) {
      this.time.move(x - x0, y - y0, z - z0, e, speed);
      return;
    }
    for (const [dx, dy, share] of arcSegments(arc, clockwise, x0, y0, x, y)) {
      this.time.move(dx, dy, (z - z0) * share, e * share, speed);
    }
  }

  private home(command: GcodeCommand): void {
    this.positionInTravel = this.positionInPrinting = false;
    const any = command.has(X) || command.has(Y) || command.has(Z);
    const position = this.machine.position;
    if (!any || command.has(X)) position[0] = 0;
    if (!any || command.has(Y)) position[1] = 0;
    if (!any || command.has(Z)) position[2] = 0;
    this.time.stop();
  }

  private setPosition(command: GcodeCommand): void {
    this.positionInTravel = this.positionInPrinting = false;
    const { position, unitScale: scale } = this.machine;
    const x = command.get(X);
    const y = command.get(Y);
    const z = command.get(Z);
    const e = command.get(E);
    if (x === undefined && y === undefined && z === undefined && e === undefined) {
      position.fill(0);
      this.extrusion.setPosition(0);
      return;
    }
    if (x !== undefined) position[0] = x * scale;
    if (y !== undefined) position[1] = y * scale;
    if (z !== undefined) position[2] = z * scale;
    if (e !== undefined) this.extrusion.setPosition(e * scale);
  }

  private selectTool(tool: number): void {
    this.positionInTravel = this.positionInPrinting = false;
    if (tool > this.maxExtruders || tool === this.extrusion.tool) return;
    const before = this.offsets[this.extrusion.tool] ?? [0, 0];
    const after = this.offsets[tool] ?? [0, 0];
    const position = this.machine.position;
    position[0] = (position[0] as number) + (after[0] - before[0]);
    position[1] = (position[1] as number) + (after[1] - before[1]);
    this.extrusion.selectTool(tool);
  }

  private filamentMove({ amount, feedrate }: FilamentMove): void {
    if (amount !== 0) this.time.move(0, 0, 0, amount, this.machine.scaledSpeed(feedrate));
  }
}
