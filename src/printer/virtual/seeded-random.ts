// A small seeded pseudo-random generator (mulberry32), so injected faults repeat exactly for a given seed.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability `rate` (0 never draws, so a zero rate does not shift later draws). */
  chance(rate: number): boolean {
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return this.next() < rate;
  }
}
