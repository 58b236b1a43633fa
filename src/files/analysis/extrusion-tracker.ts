// Filament bookkeeping per tool the way OctoPrint counts it: the peak of the running extrusion, net of retractions.

export class ExtrusionTracker {
  /** The E position per tool, in the file's coordinates (reset by G92). */
  private readonly position: number[] = [0];
  /** Net extrusion per tool since the start. */
  private readonly total: number[] = [0];
  /** Highest net extrusion per tool: the filament the print used. */
  private readonly peak: number[] = [0];
  tool = 0;
  /** M605 duplication/mirroring: tool 0's extrusion is repeated on every other tool. */
  duplicating = false;

  /** The extrusion of an E word: `value` is the target in absolute mode, the amount in relative mode. */
  extrusionOf(value: number, relative: boolean): number {
    return relative ? value : value - (this.position[this.tool] as number);
  }

  extrude(amount: number): void {
    this.add(this.tool, amount);
    if (this.duplicating && this.tool === 0) {
      for (let other = 1; other < this.total.length; other++) this.add(other, amount);
    }
  }

  /** G92 E: sets the current tool's E position without extruding. */
  setPosition(value: number): void {
    this.position[this.tool] = value;
  }

  selectTool(tool: number): void {
    while (this.position.length <= tool) {
      this.position.push(0);
      this.total.push(0);
      this.peak.push(0);
    }
    this.tool = tool;
  }

  /** Filament used per tool, mm. */
  lengths(): number[] {
    return [...this.peak];
  }

  private add(tool: number, amount: number): void {
    const total = (this.total[tool] as number) + amount;
    this.total[tool] = total;
    this.position[tool] = (this.position[tool] as number) + amount;
    if (total > (this.peak[tool] as number)) this.peak[tool] = total;
  }
}
