// Time model with acceleration: a look-ahead planner like Marlin's (classic jerk, trapezoidal speed profiles).
import type { MachineLimits } from './machine-limits.js';
import { BufferedTimeModel, MOVE_DE, MOVE_DX, MOVE_DY, MOVE_DZ, MOVE_FEEDRATE } from './time-model.js';
import type { TimeModel } from './time-model.js';

/** Blocks planned together; the oldest are timed once this many are queued. */
const CAPACITY = 64;
/** Blocks kept back as look-ahead for the next batch (Marlin plans over a 16-block buffer). */
const LOOKAHEAD = 16;
const EPSILON = 1e-9;

/**
 * Seconds a move of `distance` mm takes when it enters at `entry`, may cruise at `nominal` and leaves at `exit`
 * (mm/s), accelerating and decelerating at `acceleration` (mm/s²).
 */
export function trapezoidSeconds(distance: number, entry: number, exit: number, nominal: number, acceleration: number): number {
  const v0 = entry < nominal ? entry : nominal;
  const v1 = exit < nominal ? exit : nominal;
  const twoA = 2 * acceleration;
  const nominalSquared = nominal * nominal;
  const ramps = (2 * nominalSquared - v0 * v0 - v1 * v1) / twoA;
  if (ramps <= distance) return (2 * nominal - v0 - v1) / acceleration + (distance - ramps) / nominal;
  const peakSquared = (twoA * distance + v0 * v0 + v1 * v1) / 2;
  // The exit is out of reach (a settled entry speed left too little room): ramp linearly between the two.
  if (peakSquared < v0 * v0 || peakSquared < v1 * v1) return (2 * distance) / (v0 + v1);
  return (2 * Math.sqrt(peakSquared) - v0 - v1) / acceleration;
}

/** `value` lowered so that its `share` along one axis stays within that axis's `limit`. */
function capSpeed(value: number, share: number, limit: number): number {
  return share > EPSILON && share * value > limit ? limit / share : value;
}

/** One axis's step of Marlin's safe speed (an axis already limited it ⇔ `safe` is below `nominal`). */
function safeLimit(safe: number, nominal: number, speed: number, maxJerk: number): number {
  if (speed <= maxJerk) return safe;
  if (safe < nominal) return speed * safe > maxJerk * nominal ? (maxJerk * nominal) / speed : safe;
  return maxJerk;
}

/**
 * How much one axis's speed changes, per mm/s of junction speed, going from direction share `exit` to `entry`:
 * the difference when the axis keeps its direction, the larger share when it reverses (it must stop first).
 */
function axisTurn(exit: number, entry: number): number {
  if (exit * entry >= 0) return exit > entry ? exit - entry : entry - exit;
  const a = exit < 0 ? -exit : exit;
  const b = entry < 0 ? -entry : entry;
  return a > b ? a : b;
}

/**
 * Plans moves the way the firmware does: per-axis feedrate and acceleration limits, a jerk-limited junction
 * speed between moves, then backward and forward passes so each move can stop in time, and trapezoids for the
 * time. Memory is a fixed window of blocks, whatever the file size.
 */
export class MotionPlanner extends BufferedTimeModel implements TimeModel {
  private readonly distance = new Float64Array(CAPACITY);
  private readonly nominal = new Float64Array(CAPACITY);
  private readonly acceleration = new Float64Array(CAPACITY);
  /** 2·a·d: how much a move can change the square of the speed. */
  private readonly reach = new Float64Array(CAPACITY);
  private readonly maxEntrySquared = new Float64Array(CAPACITY);
  private readonly safe = new Float64Array(CAPACITY);
  private readonly entrySquared = new Float64Array(CAPACITY);
  private count = 0;
  /** The first block's entry speed was settled by the previous batch. */
  private firstSettled = false;
  private seconds = 0;

  private hasPrevious = false;
  /** The previous move's direction (share of each axis, signed) and speeds. */
  private previousX = 0;
  private previousY = 0;
  private previousZ = 0;
  private previousE = 0;
  private previousNominal = 0;
  private previousSafe = 0;

  constructor(private readonly limits: MachineLimits) {
    super();
  }

  override commit(): void {
    const next = this.next;
    const dx = next[MOVE_DX] as number;
    const dy = next[MOVE_DY] as number;
    const dz = next[MOVE_DZ] as number;
    const de = next[MOVE_DE] as number;
    const feedrate = next[MOVE_FEEDRATE] as number;
    const limits = this.limits;
    const xyz = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const extrudeOnly = xyz <= EPSILON;
    const distance = extrudeOnly ? Math.abs(de) : xyz;
    if (distance <= EPSILON || !(feedrate > 0)) return;
    const inverse = 1 / distance;
    const shareX = Math.abs(dx) * inverse;
    const shareY = Math.abs(dy) * inverse;
    const shareZ = Math.abs(dz) * inverse;
    const shareE = Math.abs(de) * inverse;

    // The slowest axis limits the speed and the acceleration along the move.
    const maxFeedrate = limits.maxFeedrate;
    const maxAcceleration = limits.maxAcceleration;
    let nominal = feedrate;
    nominal = capSpeed(nominal, shareX, maxFeedrate[0]);
    nominal = capSpeed(nominal, shareY, maxFeedrate[1]);
    nominal = capSpeed(nominal, shareZ, maxFeedrate[2]);
    nominal = capSpeed(nominal, shareE, maxFeedrate[3]);
    let acceleration = extrudeOnly ? limits.retractAcceleration : de !== 0 ? limits.printAcceleration : limits.travelAcceleration;
    acceleration = capSpeed(acceleration, shareX, maxAcceleration[0]);
    acceleration = capSpeed(acceleration, shareY, maxAcceleration[1]);
    acceleration = capSpeed(acceleration, shareZ, maxAcceleration[2]);
    acceleration = capSpeed(acceleration, shareE, maxAcceleration[3]);

    const factor = nominal * inverse;
    const vx = dx * factor;
    const vy = dy * factor;
    const vz = dz * factor;
    const ve = de * factor;
    // Marlin's safe speed: the first axis over its jerk sets the speed to that jerk, the next ones scale it down.
    const jerk = this.limits.maxJerk;
    let safe = nominal;
    safe = safeLimit(safe, nominal, vx < 0 ? -vx : vx, jerk[0]);
    safe = safeLimit(safe, nominal, vy < 0 ? -vy : vy, jerk[1]);
    safe = safeLimit(safe, nominal, vz < 0 ? -vz : vz, jerk[2]);
    safe = safeLimit(safe, nominal, ve < 0 ? -ve : ve, jerk[3]);
    if (safe > nominal) safe = nominal;
    let junction = safe;
    if (this.hasPrevious) {
      // The junction speed v: at v, an axis changes speed by v · turn(previous direction, this direction), which
      // must stay within its jerk (Marlin's rule, with both moves' axis speeds taken at v).
      const previousNominal = this.previousNominal;
      const ux = dx * inverse;
      const uy = dy * inverse;
      const uz = dz * inverse;
      const ue = de * inverse;
      junction = nominal < previousNominal ? nominal : previousNominal;
      let turn = axisTurn(this.previousX, ux);
      if (turn * junction > jerk[0]) junction = jerk[0] / turn;
      turn = axisTurn(this.previousY, uy);
      if (turn * junction > jerk[1]) junction = jerk[1] / turn;
      turn = axisTurn(this.previousZ, uz);
      if (turn * junction > jerk[2]) junction = jerk[2] / turn;
      turn = axisTurn(this.previousE, ue);
      if (turn * junction > jerk[3]) junction = jerk[3] / turn;
      const threshold = junction * 0.99;
      // Both moves would start and stop from their safe speeds anyway: the firmware lets them.
      if (this.previousSafe > threshold && safe > threshold) junction = safe;
    }

    if (this.count === CAPACITY) this.plan(false);
    const index = this.count++;
    this.distance[index] = distance;
    this.nominal[index] = nominal;
    this.acceleration[index] = acceleration;
    this.reach[index] = 2 * acceleration * distance;
    this.maxEntrySquared[index] = junction * junction;
    this.safe[index] = safe;

    this.previousX = dx * inverse;
    this.previousY = dy * inverse;
    this.previousZ = dz * inverse;
    this.previousE = de * inverse;
    this.previousNominal = nominal;
    this.previousSafe = safe;
    this.hasPrevious = true;
  }

  stop(): void {
    this.plan(true);
    this.hasPrevious = false;
  }

  dwell(seconds: number): void {
    this.stop();
    this.seconds += seconds;
  }

  finish(): number {
    this.stop();
    return this.seconds;
  }

  /** Settles entry speeds over the window and times the blocks that have enough look-ahead (all when `final`). */
  private plan(final: boolean): void {
    const n = this.count;
    if (n === 0) return;
    const { distance, acceleration, reach, maxEntrySquared, entrySquared, nominal } = this;
    // The window's last move must be able to stop (down to its safe speed) at its end.
    const safe = this.safe[n - 1] as number;
    let exitSquared = safe * safe;
    let next = exitSquared;
    const first = this.firstSettled ? 1 : 0;
    for (let i = n - 1; i >= first; i--) {
      const reachable = next + (reach[i] as number);
      const limit = maxEntrySquared[i] as number;
      next = reachable < limit ? reachable : limit;
      entrySquared[i] = next;
    }
    for (let i = 0; i < n; i++) {
      const reachable = (entrySquared[i] as number) + (reach[i] as number);
      if (i + 1 < n) {
        if ((entrySquared[i + 1] as number) > reachable) entrySquared[i + 1] = reachable;
      } else if (exitSquared > reachable) {
        exitSquared = reachable;
      }
    }
    const done = final ? n : n - LOOKAHEAD;
    let seconds = this.seconds;
    let entry = Math.sqrt(entrySquared[0] as number);
    for (let i = 0; i < done; i++) {
      const exit = Math.sqrt(i + 1 < n ? (entrySquared[i + 1] as number) : exitSquared);
      seconds += trapezoidSeconds(distance[i] as number, entry, exit, nominal[i] as number, acceleration[i] as number);
      entry = exit;
    }
    this.seconds = seconds;
    if (done < n) {
      distance.copyWithin(0, done, n);
      nominal.copyWithin(0, done, n);
      acceleration.copyWithin(0, done, n);
      reach.copyWithin(0, done, n);
      maxEntrySquared.copyWithin(0, done, n);
      this.safe.copyWithin(0, done, n);
      entrySquared.copyWithin(0, done, n);
    }
    this.count = n - done;
    this.firstSettled = this.count > 0;
  }
}
