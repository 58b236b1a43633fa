// The streaming G-code analyser: feed it chunks, get OctoPrint's gcodeAnalysis figures; memory stays flat.
import type { GcodeAnalysis } from '../../shared/index.js';
import { buildAnalysis } from './analysis-result.js';
import { arcBetween, arcExtremes } from './arc-geometry.js';
import { BoundingBox } from './bounding-box.js';
import { ExtrusionTracker } from './extrusion-tracker.js';
import { GcodeCommand, param, parseCommand } from './gcode-command-parser.js';
import { DEFAULT_MAX_LINE_LENGTH, LineSplitter } from './line-splitter.js';
import { applyLimitCommand, defaultMachineLimits } from './machine-limits.js';
import type { MachineLimits } from './machine-limits.js';
import { MotionPlanner } from './motion-planner.js';
import { readSlicerComment } from './slicer-comments.js';
import type { SlicerInfo } from './slicer-comments.js';
import { FeedrateTimeModel, MOVE_DE, MOVE_DX, MOVE_DY, MOVE_DZ, MOVE_FEEDRATE } from './time-model.js';
import type { TimeModel } from './time-model.js';

export interface GcodeAnalyserOptions {
  /** Feedrate before the file sets one, mm/min: OctoPrint uses the slower of the profile's X and Y speeds. */
  initialFeedrate?: number;
  /** Filament diameter when the file does not state it (`; filament_diameter = ...`), mm. */
  filamentDiameter?: number;
  /** Offsets [x, y] of each tool from the printer profile, mm. */
  extruderOffsets?: ReadonlyArray<readonly [number, number]>;
  /** Tool numbers above this are ignored (OctoPrint's gcodeAnalysis.maxExtruders). */
  maxExtruders?: number;
  /** G90/G91 switch the extruder too (OctoPrint's feature.g90InfluencesExtruder). */
  g90InfluencesExtruder?: boolean;
  /** Z of the bed: the printed height counts from here (OctoPrint's gcodeAnalysis.bedZ). */
  bedZ?: number;
  /** 'planner' (default): acceleration and jerk like the firmware; 'feedrate': OctoPrint's own estimate. */
  timeModel?: 'planner' | 'feedrate';
  /** Machine limits until the file sets its own (M201/M203/M204/M205). */
  machineLimits?: Partial<MachineLimits>;
  /** Longer lines are cut (their tail is ignored). */
  maxLineLength?: number;
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
const SEMICOLON = 0x3b;
const MM_PER_INCH = 25.4;
/** Arcs are timed as chords of about this length, as firmware splits them. */
const ARC_SEGMENT_MM = 1;

export class GcodeAnalyser {
  private readonly splitter: LineSplitter;
  private readonly command = new GcodeCommand();
  private readonly extrusion = new ExtrusionTracker();
  private readonly printing: BoundingBox;
  private readonly travel: BoundingBox;
  private readonly slicer: SlicerInfo = {};
  private readonly limits: MachineLimits;
  private readonly time: TimeModel;
  private readonly offsets: ReadonlyArray<readonly [number, number]>;
  private readonly maxExtruders: number;
  private readonly g90InfluencesExtruder: boolean;
  private readonly defaultDiameter: number;
  private readonly encoder = new TextEncoder();
  private x = 0;
  private y = 0;
  private z = 0;
  private relative = false;
  private relativeE = false;
  private unitScale = 1;
  /** mm/min. */
  private feedrate: number;
  private feedFactor = 1;
  private retractLength = 0;
  private retractFeedrate = 2700;
  private recoverExtra = 0;
  private recoverFeedrate = 480;
  private bytes = 0;
  private finished: GcodeAnalysis | undefined;

  constructor(options: GcodeAnalyserOptions = {}) {
    this.splitter = new LineSplitter((bytes, start, end) => this.line(bytes, start, end), options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
    this.printing = new BoundingBox(options.bedZ ?? 0);
    this.travel = new BoundingBox(options.bedZ ?? 0);
    this.limits = { ...defaultMachineLimits(), ...options.machineLimits };
    this.time = options.timeModel === 'feedrate' ? new FeedrateTimeModel() : new MotionPlanner(this.limits);
    this.offsets = options.extruderOffsets ?? [];
    this.maxExtruders = options.maxExtruders ?? 10;
    this.g90InfluencesExtruder = options.g90InfluencesExtruder ?? false;
    this.defaultDiameter = options.filamentDiameter ?? 1.75;
    this.feedrate = options.initialFeedrate ?? 6000;
  }

  /** Bytes fed so far. */
  get bytesProcessed(): number {
    return this.bytes;
  }

  feed(chunk: Uint8Array | string): void {
    if (this.finished) throw new Error('The analysis is finished');
    const bytes = typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk;
    this.bytes += bytes.length;
    this.splitter.push(bytes);
  }

  finish(): GcodeAnalysis {
    if (this.finished) return this.finished;
    this.splitter.end();
    const lengths = this.extrusion.lengths();
    const stated = this.slicer.filamentDiameters ?? [];
    this.finished = buildAnalysis({
      seconds: this.time.finish(),
      lengths,
      diameters: lengths.map((_, tool) => stated[tool] ?? stated[0] ?? this.defaultDiameter),
      printing: this.printing,
      travel: this.travel,
      slicer: this.slicer,
    });
    return this.finished;
  }

  private line(bytes: Uint8Array, start: number, end: number): void {
    let i = start;
    while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
    if (i >= end) return;
    if (bytes[i] === SEMICOLON) {
      readSlicerComment(bytes, i, end, this.slicer);
      return;
    }
    const command = this.command;
    if (!parseCommand(bytes, i, end, command)) return;
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
        if (!command.has(P) && !command.has(L)) this.firmwareRetract(-this.retractLength, this.retractFeedrate);
        break;
      case 11:
        this.firmwareRetract(this.retractLength + this.recoverExtra, this.recoverFeedrate);
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
        const length = command.get(S);
        const feedrate = command.get(F);
        if (code === 207) {
          if (length !== undefined) this.retractLength = length * this.unitScale;
          if (feedrate !== undefined && feedrate > 0) this.retractFeedrate = feedrate * this.unitScale;
        } else {
          if (length !== undefined) this.recoverExtra = length * this.unitScale;
          if (feedrate !== undefined && feedrate > 0) this.recoverFeedrate = feedrate * this.unitScale;
        }
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
      const travel = this.travel;
      travel.record(x0, y0, z0);
      travel.record(this.x, this.y, this.z);
      if (e > 0) {
        const printing = this.printing;
        printing.record(x0, y0, z0);
        printing.record(this.x, this.y, this.z);
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
    if (!arc) {
      // No valid arc: firmware refuses it; count it as the straight move it ends at.
      this.travel.record(x0, y0, z0);
      this.travel.record(this.x, this.y, this.z);
      if (e > 0) {
        this.printing.record(x0, y0, z0);
        this.printing.record(this.x, this.y, this.z);
      }
      this.time.move(this.x - x0, this.y - y0, this.z - z0, e, this.speed());
      return;
    }
    const extremes = arcExtremes(arc, x0, y0, this.x, this.y);
    for (const box of e > 0 ? [this.travel, this.printing] : [this.travel]) {
      box.record(x0, y0, z0);
      box.record(this.x, this.y, this.z);
      box.recordXY(extremes.minX, extremes.maxX, extremes.minY, extremes.maxY);
    }
    const length = Math.hypot(arc.sweep * arc.radius, this.z - z0);
    const segments = Math.max(1, Math.min(10_000, Math.floor(length / ARC_SEGMENT_MM)));
    const speed = this.speed();
    const step = arc.sweep / segments;
    const direction = clockwise ? -1 : 1;
    const from = clockwise ? arc.startAngle + arc.sweep : arc.startAngle;
    let px = x0;
    let py = y0;
    for (let k = 1; k <= segments; k++) {
      const angle = from + direction * step * k;
      const nx = k === segments ? this.x : arc.centerX + arc.radius * Math.cos(angle);
      const ny = k === segments ? this.y : arc.centerY + arc.radius * Math.sin(angle);
      this.time.move(nx - px, ny - py, (this.z - z0) / segments, e / segments, speed);
      px = nx;
      py = ny;
    }
  }

  private home(command: GcodeCommand): void {
    const any = command.has(X) || command.has(Y) || command.has(Z);
    if (!any || command.has(X)) this.x = 0;
    if (!any || command.has(Y)) this.y = 0;
    if (!any || command.has(Z)) this.z = 0;
    this.time.stop();
  }

  private setPosition(command: GcodeCommand): void {
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
    if (tool > this.maxExtruders || tool === this.extrusion.tool) return;
    const before = this.offsets[this.extrusion.tool] ?? [0, 0];
    const after = this.offsets[tool] ?? [0, 0];
    this.x += after[0] - before[0];
    this.y += after[1] - before[1];
    this.extrusion.selectTool(tool);
  }

  private firmwareRetract(amount: number, feedrate: number): void {
    if (amount !== 0) this.time.move(0, 0, 0, amount, (feedrate / 60) * this.feedFactor);
  }

  /** Current feedrate in mm/s. */
  private speed(): number {
    return (this.feedrate / 60) * this.feedFactor;
  }
}
