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

  /**
   * Turns the E word in `move[slot]` (in mm) into the extrusion it stands for, in place, and books it: the hot path
   * passes the number through a typed array so that it is never boxed between calls.
   */
  extrudeWord(move: Float64Array, slot: number, relative: boolean): void {
    const tool = this.tool;
    const position = this.position;
    const amount = relative ? (move[slot] as number) : (move[slot] as number) - (position[tool] as number);
    move[slot] = amount;
    const total = (this.total[tool] as number) + amount;
    this.total[tool] = total;
    position[tool] = (position[tool] as number) + amount;
    if (total > (this.peak[tool] as number)) this.peak[tool] = total;
    if (this.duplicating && tool === 0) {
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
