// A 3-D bounding box that grows with recorded points; reports OctoPrint's area and dimensions shapes.
import type { GcodeArea, GcodeDimensions } from '../../shared/index.js';

export class BoundingBox {
  minX = Infinity;
  minY = Infinity;
  minZ = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  maxZ = -Infinity;

  /** OctoPrint starts the box's minimum Z at the bed (0 by default), so a print's height counts from the bed. */
  constructor(bedZ = 0) {
    this.minZ = bedZ;
  }

  record(x: number, y: number, z: number): void {
    if (x < this.minX) this.minX = x;
    if (x > this.maxX) this.maxX = x;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
    if (z < this.minZ) this.minZ = z;
    if (z > this.maxZ) this.maxZ = z;
  }

  /** Records `point` ([x, y, z]); it takes the array so that no number is boxed on the way in. */
  recordPoint(point: Float64Array): void {
    this.record(point[0] as number, point[1] as number, point[2] as number);
  }

  recordXY(minX: number, maxX: number, minY: number, maxY: number): void {
    if (minX < this.minX) this.minX = minX;
    if (maxX > this.maxX) this.maxX = maxX;
    if (minY < this.minY) this.minY = minY;
    if (maxY > this.maxY) this.maxY = maxY;
  }

  get dimensions(): GcodeDimensions {
    const size = (min: number, max: number): number => (max >= min ? Math.abs(max - min) : 0);
    return { width: size(this.minX, this.maxX), depth: size(this.minY, this.maxY), height: size(this.minZ, this.maxZ) };
  }

  /** The box; an axis nothing was recorded on reads 0. */
  get area(): GcodeArea {
    const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
    return {
      minX: finite(this.minX),
      maxX: finite(this.maxX),
      minY: finite(this.minY),
      maxY: finite(this.maxY),
      minZ: finite(this.minZ),
      maxZ: finite(this.maxZ),
    };
  }
}
