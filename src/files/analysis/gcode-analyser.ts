// The streaming G-code analyser: feed it chunks, get OctoPrint's gcodeAnalysis figures; memory stays flat.
import type { GcodeAnalysis } from '../../shared/index.js';
import { buildAnalysis } from './analysis-result.js';
import { GcodeCommand, parseCommand } from './gcode-command-parser.js';
import { GcodeInterpreter } from './gcode-interpreter.js';
import { DEFAULT_MAX_LINE_LENGTH, LineSplitter } from './line-splitter.js';
import { defaultMachineLimits } from './machine-limits.js';
import type { MachineLimits } from './machine-limits.js';
import { MotionPlanner } from './motion-planner.js';
import { readSlicerComment } from './slicer-comments.js';
import type { SlicerInfo } from './slicer-comments.js';
import { FeedrateTimeModel } from './time-model.js';
import type { TimeModel } from './time-model.js';

export interface GcodeAnalyserOptions {
  /** Feedrate before the file sets one, mm/min: OctoPrint uses the slower of the profile's X and Y speeds. */
  initialFeedrate?: number;
  /** Filament diameter when the file does not state it (`; filament_diameter = ...`), mm; default 0: no volume, as OctoPrint. */
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

const SEMICOLON = 0x3b;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Feed the file in chunks of any size (`Uint8Array` or string), then `finish()`. Lines are parsed in place from
 * the bytes, in one pass; only a line split across two chunks is copied, into a fixed buffer.
 */
export class GcodeAnalyser {
  private readonly splitter: LineSplitter;
  private readonly command = new GcodeCommand();
  private readonly interpreter: GcodeInterpreter;
  private readonly time: TimeModel;
  private readonly slicer: SlicerInfo = {};
  private readonly defaultDiameter: number;
  private readonly encoder = new TextEncoder();
  private readonly maxLineLength: number;
  private readonly onLines = (bytes: Uint8Array, start: number, stop: number): void => this.lines(bytes, start, stop);
  private bytes = 0;
  private finished: GcodeAnalysis | undefined;

  constructor(options: GcodeAnalyserOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.splitter = new LineSplitter((bytes, start, end) => this.line(bytes, start, end), this.maxLineLength);
    const limits = { ...defaultMachineLimits(), ...options.machineLimits };
    this.time = options.timeModel === 'feedrate' ? new FeedrateTimeModel() : new MotionPlanner(limits);
    this.interpreter = new GcodeInterpreter(this.time, limits, {
      initialFeedrate: options.initialFeedrate ?? 6000,
      extruderOffsets: options.extruderOffsets ?? [],
      maxExtruders: options.maxExtruders ?? 10,
      g90InfluencesExtruder: options.g90InfluencesExtruder ?? false,
      bedZ: options.bedZ ?? 0,
    });
    this.defaultDiameter = options.filamentDiameter ?? 0;
  }

  /** Bytes fed so far. */
  get bytesProcessed(): number {
    return this.bytes;
  }

  feed(chunk: Uint8Array | string): void {
    if (this.finished) throw new Error('The analysis is finished');
    // A plain Uint8Array view of a Buffer (a subclass): the parser then only ever sees one kind of array.
    const bytes =
      typeof chunk === 'string'
        ? this.encoder.encode(chunk)
        : chunk.constructor === Uint8Array
          ? chunk
          : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.bytes += bytes.length;
    this.splitter.pushBlock(bytes, this.onLines);
  }

  /** Ends the input and returns the result (the same object on later calls). */
  finish(): GcodeAnalysis {
    if (this.finished) return this.finished;
    this.splitter.end();
    const { extrusion, printing, travel } = this.interpreter;
    const lengths = extrusion.lengths();
    const stated = this.slicer.filamentDiameters ?? [];
    this.finished = buildAnalysis({
      seconds: this.time.finish(),
      lengths,
      diameters: lengths.map((_, tool) => stated[tool] ?? stated[0] ?? this.defaultDiameter),
      printing,
      travel,
      slicer: this.slicer,
    });
    return this.finished;
  }

  /**
   * The whole lines `bytes[start..stop)` (the last one ends with the newline at `stop - 1`), split while they are
   * parsed: a command line is read once, up to its newline, instead of being searched for the newline first.
   */
  private lines(bytes: Uint8Array, start: number, stop: number): void {
    const max = this.maxLineLength;
    const command = this.command;
    const interpreter = this.interpreter;
    let i = start;
    while (i < stop) {
      // Longer lines are cut at `max` (their tail is skipped), as the line splitter does.
      const limit = stop - i > max ? i + max : stop;
      let j = i;
      while (j < limit && (bytes[j] === SPACE || bytes[j] === TAB)) j++;
      let end = j;
      if (j < limit && bytes[j] === SEMICOLON) {
        end = bytes.indexOf(NEWLINE, j);
        const cut = end < limit ? end : limit;
        readSlicerComment(bytes, j, cut > j && bytes[cut - 1] === CR ? cut - 1 : cut, this.slicer);
      } else if (j < limit) {
        if (parseCommand(bytes, j, limit, command)) interpreter.execute(command);
        end = command.end;
      }
      if (bytes[end] !== NEWLINE) end = bytes.indexOf(NEWLINE, end);
      i = end + 1;
    }
  }

  private line(bytes: Uint8Array, start: number, end: number): void {
    let i = start;
    while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    if (i >= end) return;
    if (bytes[i] === SEMICOLON) {
      readSlicerComment(bytes, i, end, this.slicer);
      return;
    }
    if (parseCommand(bytes, i, end, this.command)) this.interpreter.execute(this.command);
  }
}
