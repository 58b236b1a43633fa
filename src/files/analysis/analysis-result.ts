// Builds OctoPrint's gcodeAnalysis object from the analyser's totals, including OctoPrint's empty result.
import type { GcodeAnalysis, GcodeFilamentUse, SlicerFilamentUse } from '../../shared/index.js';
import type { BoundingBox } from './bounding-box.js';
import type { SlicerInfo } from './slicer-comments.js';

export interface AnalysisTotals {
  seconds: number;
  /** Filament per tool, mm. */
  lengths: number[];
  /** Filament diameter per tool, mm. */
  diameters: number[];
  printing: BoundingBox;
  travel: BoundingBox;
  slicer: SlicerInfo;
}

/** cm³ of `length` mm of filament of `diameter` mm. */
export function filamentVolume(length: number, diameter: number): number {
  const radius = diameter / 2;
  return (length * Math.PI * radius * radius) / 1000;
}

function slicerFilament(info: SlicerInfo): Record<string, SlicerFilamentUse> | undefined {
  const lengths = info.filamentLengths;
  if (!lengths || lengths.length === 0) return undefined;
  const result: Record<string, SlicerFilamentUse> = {};
  lengths.forEach((length, tool) => {
    const volume = info.filamentVolumes?.[tool];
    result[`tool${tool}`] = volume === undefined ? { length } : { length, volume };
  });
  return result;
}

function withSlicerFigures(result: GcodeAnalysis, slicer: SlicerInfo): GcodeAnalysis {
  if (slicer.estimatedSeconds !== undefined) result.slicerEstimatedPrintTime = slicer.estimatedSeconds;
  const filament = slicerFilament(slicer);
  if (filament) result.slicerFilament = filament;
  return result;
}

const ZERO_AREA = { minX: 0, maxX: 0, minY: 0, maxY: 0, minZ: 0, maxZ: 0 };
const ZERO_DIMENSIONS = { width: 0, depth: 0, height: 0 };

/**
 * OctoPrint's result: a file whose extruding moves span nothing is "empty" (zeros, no filament, no time);
 * otherwise every tool up to the highest selected one is listed, and the time only when it is not zero.
 */
export function buildAnalysis(totals: AnalysisTotals): GcodeAnalysis {
  const dimensions = totals.printing.dimensions;
  if (dimensions.width === 0 && dimensions.depth === 0 && dimensions.height === 0) {
    return withSlicerFigures(
      {
        _empty: true,
        printingArea: { ...ZERO_AREA },
        travelArea: { ...ZERO_AREA },
        dimensions: { ...ZERO_DIMENSIONS },
        travelDimensions: { ...ZERO_DIMENSIONS },
        filament: {},
      },
      totals.slicer,
    );
  }
  const filament: Record<string, GcodeFilamentUse> = {};
  totals.lengths.forEach((length, tool) => {
    const diameter = totals.diameters[tool] ?? totals.diameters[0] ?? 0;
    filament[`tool${tool}`] = { length, volume: filamentVolume(length, diameter) };
  });
  const result: GcodeAnalysis = {
    filament,
    dimensions,
    printingArea: totals.printing.area,
    travelArea: totals.travel.area,
    travelDimensions: totals.travel.dimensions,
  };
  if (totals.seconds > 0) result.estimatedPrintTime = totals.seconds;
  return withSlicerFigures(result, totals.slicer);
}
