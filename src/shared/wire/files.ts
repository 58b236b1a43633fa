// Wire types of the files API: the `gcodeAnalysis` metadata OctoPrint reports for a G-code file.

/** Extruded filament of one tool: length in mm, volume in cm³. */
export interface GcodeFilamentUse {
  length: number;
  volume: number;
}

/** Size of a bounding box in mm (x = width, y = depth, z = height). */
export interface GcodeDimensions {
  width: number;
  depth: number;
  height: number;
}

/** Bounding box in mm. */
export interface GcodeArea {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  minZ: number;
  maxZ: number;
}

/** What a slicer wrote about filament in its header or footer comments (volume only when it says). */
export interface SlicerFilamentUse {
  length: number;
  volume?: number;
}

/**
 * OctoPrint's `gcodeAnalysis` metadata. `estimatedPrintTime` is absent when the file has no moves, and a file
 * without any extrusion gets OctoPrint's empty result (zeros, no filament, `_empty: true`). The two `slicer…` keys
 * are Argonaut additions, present only when the slicer embedded its own figures.
 */
export interface GcodeAnalysis {
  /** Seconds. */
  estimatedPrintTime?: number;
  /** Keyed `tool0`, `tool1`, ... */
  filament: Record<string, GcodeFilamentUse>;
  /** Size of the printed object (extruding moves only). */
  dimensions: GcodeDimensions;
  /** Bounding box of the extruding moves. */
  printingArea: GcodeArea;
  /** Bounding box of every move. */
  travelArea: GcodeArea;
  travelDimensions: GcodeDimensions;
  /** OctoPrint's marker for a file without extrusion. */
  _empty?: true;
  /** The slicer's own estimate in seconds (PrusaSlicer, SuperSlicer, OrcaSlicer, Cura, Simplify3D). */
  slicerEstimatedPrintTime?: number;
  /** The slicer's own filament figures, keyed like `filament`. */
  slicerFilament?: Record<string, SlicerFilamentUse>;
}
