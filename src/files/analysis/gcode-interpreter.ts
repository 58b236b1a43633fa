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
  private x = 0;
  private y = 0;
  private z = 0;
  private relative = false;
  private relativeE = false;
  private unitScale = 1;
  /** mm/min. */
  private feedrate: number;
  private feedFactor = 1;
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
    this.feedrate = settings.initialFeedrate;
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
        this.unitScale = MM_PER_INCH;
        break;
      case 21:
        this.unitScale = 1;
        break;
      case 28:
        this.home(command);
        break;
      case 90:
      case 91:
        this.relative = command.code === 91;
        if (this.g90InfluencesExtruder) this.relativeE = this.relative;
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
        this.relativeE = code === 83;
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
        const scale = (value: number | undefined): number | undefined => (value === undefined ? undefined : value * this.unitScale);
        this.retraction.configure(code === 208, scale(command.get(S)), scale(command.get(F)));
        return;
      }
      case 220: {
        const percent = command.get(S);
        if (percent !== undefined && percent > 0) this.feedFactor = percent / 100;
        return;
      }
      case 605: {
        const mode = command.get(S);
        this.extrusion.duplicating = mode === 2 || mode === 4 || mode === 5 || mode === 6;
        return;
      }
      default:
        applyLimitCommand(code, (letter) => command.get(param(letter)), this.limits, this.unitScale);
    }
  }

  /** Moves to the command's target (absolute or relative); returns false when it names no axis. */
  private moveTo(command: GcodeCommand): boolean {
    // Absent parameters read NaN (x === x is false), which keeps every value a plain number.
    const scale = this.unitScale;
    const x = command.value(X);
    const y = command.value(Y);
    const z = command.value(Z);
    if (this.relative) {
      if (x === x) this.x += x * scale;
      if (y === y) this.y += y * scale;
      if (z === z) this.z += z * scale;
    } else {
      if (x === x) this.x = x * scale;
      if (y === y) this.y = y * scale;
      if (z === z) this.z = z * scale;
    }
    const f = command.value(F);
    if (f === f && f !== 0) this.feedrate = f * scale;
    return x === x || y === y || z === z;
  }

  /** The extrusion of the command's E word (0 without one), booked to the current tool. */
  private extrude(command: GcodeCommand): number {
    const value = command.value(E);
    if (value !== value) return 0;
    const amount = this.extrusion.extrusionOf(value * this.unitScale, this.relative || this.relativeE);
    this.extrusion.extrude(amount);
    return amount;
  }

  private linearMove(command: GcodeCommand): void {
    const x0 = this.x;
    const y0 = this.y;
    const z0 = this.z;
    const moved = this.moveTo(command);
    const e = this.extrude(command);
    if (moved) {
      // The start is in a box already when the previous move ended there (saves half the work).
      const travel = this.travel;
      if (!this.positionInTravel) travel.record(x0, y0, z0);
      travel.record(this.x, this.y, this.z);
      this.positionInTravel = true;
      if (e > 0) {
        const printing = this.printing;
        if (!this.positionInPrinting) printing.record(x0, y0, z0);
        printing.record(this.x, this.y, this.z);
        this.positionInPrinting = true;
      } else {
        this.positionInPrinting = false;
      }
    }
    const time = this.time;
    const next = time.next;
    next[MOVE_DX] = this.x - x0;
    next[MOVE_DY] = this.y - y0;
    next[MOVE_DZ] = this.z - z0;
    next[MOVE_DE] = e;
    next[MOVE_FEEDRATE] = (this.feedrate / 60) * this.feedFactor;
    time.commit();
  }

  private arcMove(command: GcodeCommand, clockwise: boolean): void {
    const x0 = this.x;
    const y0 = this.y;
    const z0 = this.z;
    const scale = this.unitScale;
    const scaled = (value: number | undefined): number | undefined => (value === undefined ? undefined : value * scale);
    this.moveTo(command);
    const e = this.extrude(command);
    const arc = arcBetween(x0, y0, this.x, this.y, clockwise, scaled(command.get(I)), scaled(command.get(J)), scaled(command.get(R)));
    // Without a valid arc (firmware refuses it) the move counts as the straight line to its end.
    const boxes = e > 0 ? [this.travel, this.printing] : [this.travel];
    for (const box of boxes) {
      box.record(x0, y0, z0);
      box.record(this.x, this.y, this.z);
      if (arc) {
        const extremes = arcExtremes(arc, x0, y0, this.x, this.y);
        box.recordXY(extremes.minX, extremes.maxX, extremes.minY, extremes.maxY);
      }
    }
    this.positionInTravel = true;
    this.positionInPrinting = e > 0;
    const speed = this.speed();
    if (!arc) {
      this.time.move(this.x - x0, this.y - y0, this.z - z0, e, speed);
      return;
    }
    for (const [dx, dy, share] of arcSegments(arc, clockwise, x0, y0, this.x, this.y)) {
      this.time.move(dx, dy, (this.z - z0) * share, e * share, speed);
    }
  }

  private home(command: GcodeCommand): void {
    this.positionInTravel = this.positionInPrinting = false;
    const any = command.has(X) || command.has(Y) || command.has(Z);
    if (!any || command.has(X)) this.x = 0;
    if (!any || command.has(Y)) this.y = 0;
    if (!any || command.has(Z)) this.z = 0;
    this.time.stop();
  }

  private setPosition(command: GcodeCommand): void {
    this.positionInTravel = this.positionInPrinting = false;
    const scale = this.unitScale;
    const x = command.get(X);
    const y = command.get(Y);
    const z = command.get(Z);
    const e = command.get(E);
    if (x === undefined && y === undefined && z === undefined && e === undefined) {
      this.x = this.y = this.z = 0;
      this.extrusion.setPosition(0);
      return;
    }
    if (x !== undefined) this.x = x * scale;
    if (y !== undefined) this.y = y * scale;
    if (z !== undefined) this.z = z * scale;
    if (e !== undefined) this.extrusion.setPosition(e * scale);
  }

  private selectTool(tool: number): void {
    this.positionInTravel = this.positionInPrinting = false;
    if (tool > this.maxExtruders || tool === this.extrusion.tool) return;
    const before = this.offsets[this.extrusion.tool] ?? [0, 0];
    const after = this.offsets[tool] ?? [0, 0];
    this.x += after[0] - before[0];
    this.y += after[1] - before[1];
    this.extrusion.selectTool(tool);
  }

  private filamentMove({ amount, feedrate }: FilamentMove): void {
    if (amount !== 0) this.time.move(0, 0, 0, amount, (feedrate / 60) * this.feedFactor);
  }

  /** Current feedrate in mm/s. */
  private speed(): number {
    return (this.feedrate / 60) * this.feedFactor;
  }
}
