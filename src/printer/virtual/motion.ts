// Motion of the virtual printer: position tracking (G90/G91, M82/M83, G92, G28, G0/G1) and move durations.
import { hasParameter, numericParameter } from '../protocol/index.js';

const AXES = ['X', 'Y', 'Z', 'E'] as const;
type Axis = (typeof AXES)[number];

/** Steps per millimetre used for the `Count` part of M114. */
const STEPS_PER_MM: Readonly<Record<Axis, number>> = { X: 80, Y: 80, Z: 400, E: 93 };
const HOMING_FEEDRATE = 3000;

export class MotionState {
  private readonly position: Record<Axis, number> = { X: 0, Y: 0, Z: 0, E: 0 };
  private relative = false;
  private relativeExtruder = false;
  /** mm/min. */
  private feedrate = 1500;
  /** M220 speed factor in percent. */
  speedFactor = 100;

  /** Applies a G0/G1/G2/G3 move and returns its duration in milliseconds. */
  move(command: string): number {
    const feed = numericParameter(command, 'F');
    if (feed !== undefined && feed > 0) this.feedrate = feed;
    let squared = 0;
    let extruded = 0;
    for (const axis of AXES) {
      const value = numericParameter(command, axis);
      if (value === undefined) continue;
      const relative = axis === 'E' ? this.relativeExtruder : this.relative;
      const target = relative ? this.position[axis] + value : value;
      const delta = target - this.position[axis];
      this.position[axis] = target;
      if (axis === 'E') extruded = Math.abs(delta);
      else squared += delta * delta;
    }
    const distance = squared > 0 ? Math.sqrt(squared) : extruded;
    const speed = (this.feedrate / 60) * (this.speedFactor / 100);
    return speed > 0 ? (distance / speed) * 1000 : 0;
  }

  /** Homes the named axes (all of X, Y, Z without any) and returns how long homing takes, in milliseconds. */
  home(command: string): number {
    const named = (['X', 'Y', 'Z'] as const).filter((axis) => hasParameter(command, axis));
    const axes = named.length > 0 ? named : (['X', 'Y', 'Z'] as const);
    let longest = 0;
    for (const axis of axes) {
      longest = Math.max(longest, Math.abs(this.position[axis]));
      this.position[axis] = 0;
    }
    return 500 + (longest / (HOMING_FEEDRATE / 60)) * 1000;
  }

  /** G92: sets the current position of the given axes (all to 0 without any). */
  setPosition(command: string): void {
    let any = false;
    for (const axis of AXES) {
      const value = numericParameter(command, axis);
      if (value === undefined) continue;
      this.position[axis] = value;
      any = true;
    }
    if (!any) for (const axis of AXES) this.position[axis] = 0;
  }

  /** G90 / G91 (G90 also sets the extruder absolute, as Marlin does). */
  setRelative(relative: boolean): void {
    this.relative = relative;
    this.relativeExtruder = relative;
  }

  /** M82 / M83. */
  setRelativeExtruder(relative: boolean): void {
    this.relativeExtruder = relative;
  }

  /** The M114 answer: `X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0`. */
  report(): string {
    const p = this.position;
    const count = (axis: Axis) => Math.round(p[axis] * STEPS_PER_MM[axis]);
    return `X:${p.X.toFixed(2)} Y:${p.Y.toFixed(2)} Z:${p.Z.toFixed(2)} E:${p.E.toFixed(2)} Count X:${count('X')} Y:${count('Y')} Z:${count('Z')}`;
  }
}

/** The planner: a bounded queue of moves executed one after another in simulated time. */
export class Planner {
  private readonly endTimes: number[] = [];

  constructor(readonly size: number) {}

  private expire(now: number): void {
    let done = 0;
    while (done < this.endTimes.length && (this.endTimes[done] ?? 0) <= now) done++;
    if (done > 0) this.endTimes.splice(0, done);
  }

  /** Free slots at `now`. */
  room(now: number): number {
    this.expire(now);
    return this.size - this.endTimes.length;
  }

  /** When the oldest move ends (a slot frees), or `now` if a slot is free. */
  nextFreeAt(now: number): number {
    this.expire(now);
    if (this.endTimes.length < this.size) return now;
    return this.endTimes[0] ?? now;
  }

  /** When every queued move has ended. */
  idleAt(now: number): number {
    this.expire(now);
    return this.endTimes[this.endTimes.length - 1] ?? now;
  }

  /** Queues a move of `duration` ms; the caller has checked there is room. */
  add(now: number, duration: number): void {
    this.expire(now);
    const start = Math.max(now, this.endTimes[this.endTimes.length - 1] ?? now);
    this.endTimes.push(start + duration);
  }

  /** M410 quick stop: drops every queued move. */
  clear(): void {
    this.endTimes.length = 0;
  }
}
