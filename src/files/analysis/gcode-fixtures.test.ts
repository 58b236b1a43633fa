// Golden tests: every G-code fixture against the OctoPrint 1.11.8 figures in test/fixtures/README.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { GcodeAnalysis } from '../../shared/index.js';
import { GcodeAnalyser } from './index.js';
import type { GcodeAnalyserOptions } from './index.js';

const FIXTURES = new URL('../../../test/fixtures/gcode/', import.meta.url);

interface Reference {
  file: string;
  octoprintTime: number;
  slicerTime: number;
  slicerLength: number;
  length: number;
  volume: number;
  dimensions: [number, number, number];
  printingMin: [number, number, number];
  printingMax: [number, number, number];
  travelMax: [number, number, number];
}

/** The table of test/fixtures/README.md. */
const REFERENCES: Reference[] = [
  {
    file: 'bunny.gcode',
    octoprintTime: 13772.2,
    slicerTime: 4 * 3600 + 12 * 60 + 35,
    slicerLength: 34268.68,
    length: 34268.675,
    volume: 82.4258,
    dimensions: [107.594, 86.144, 107.15],
    printingMin: [46.193, 56.899, 0],
    printingMax: [153.787, 143.043, 107.15],
    travelMax: [153.787, 143.043, 107.15],
  },
  {
    file: 'torus.gcode',
    octoprintTime: 352.7,
    slicerTime: 6 * 60 + 54,
    slicerLength: 521.74,
    length: 521.737,
    volume: 1.25492,
    dimensions: [38.0, 38.0, 5.75],
    printingMin: [81, 81, 0],
    printingMax: [119, 119, 5.75],
    travelMax: [119, 119, 5.75],
  },
  {
    file: 'box.gcode',
    octoprintTime: 1152.7,
    slicerTime: 21 * 60 + 26,
    slicerLength: 2393.59,
    length: 2393.591,
    volume: 5.75726,
    dimensions: [38.25, 38.25, 24.95],
    printingMin: [80.875, 80.875, 0],
    printingMax: [119.125, 119.125, 24.95],
    travelMax: [119.125, 119.125, 24.95],
  },
  {
    file: 'm3-nut-relative-e.gcode',
    octoprintTime: 72.0,
    slicerTime: 60 + 19,
    slicerLength: 24.57,
    length: 24.574,
    volume: 0.059108,
    dimensions: [18.75, 19.346, 1.75],
    printingMin: [90.625, 90.327, 0],
    printingMax: [109.375, 109.673, 1.75],
    travelMax: [109.375, 109.673, 5.0],
  },
];

function analyseFixture(file: string, options: GcodeAnalyserOptions = {}): GcodeAnalysis {
  const data = readFileSync(new URL(file, FIXTURES));
  const analyser = new GcodeAnalyser(options);
  for (let i = 0; i < data.length; i += 64 * 1024) analyser.feed(data.subarray(i, i + 64 * 1024));
  return analyser.finish();
}

/** Within 0.1 % of the reference (an absolute 1e-6 for a reference of 0). */
function close(actual: number | undefined, expected: number, label: string): void {
  const tolerance = Math.max(Math.abs(expected) * 0.001, 1e-6);
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${label}: ${actual} is not within 0.1 % of ${expected}`);
}

for (const reference of REFERENCES) {
  describe(`fixture ${reference.file}`, () => {
    const result = analyseFixture(reference.file);

    it('reports OctoPrint\'s filament length and volume', () => {
      close(result.filament.tool0?.length, reference.length, 'length');
      close(result.filament.tool0?.volume, reference.volume, 'volume');
      assert.deepEqual(Object.keys(result.filament), ['tool0']);
    });

    it('reports OctoPrint\'s dimensions, printing area and travel area', () => {
      const { width, depth, height } = result.dimensions;
      [width, depth, height].forEach((value, axis) => close(value, reference.dimensions[axis] as number, `dimension ${axis}`));
      const { minX, minY, minZ, maxX, maxY, maxZ } = result.printingArea;
      [minX, minY, minZ].forEach((value, axis) => close(value, reference.printingMin[axis] as number, `printing min ${axis}`));
      [maxX, maxY, maxZ].forEach((value, axis) => close(value, reference.printingMax[axis] as number, `printing max ${axis}`));
      const travel = result.travelArea;
      [travel.maxX, travel.maxY, travel.maxZ].forEach((value, axis) => close(value, reference.travelMax[axis] as number, `travel max ${axis}`));
      assert.deepEqual(result.travelDimensions, {
        width: travel.maxX - travel.minX,
        depth: travel.maxY - travel.minY,
        height: travel.maxZ - travel.minZ,
      });
    });

    it('estimates the time at least as close to the slicer\'s estimate as OctoPrint does', () => {
      const ours = Math.abs((result.estimatedPrintTime ?? 0) - reference.slicerTime);
      const octoprint = Math.abs(reference.octoprintTime - reference.slicerTime);
      assert.ok(ours <= octoprint, `ours ${result.estimatedPrintTime} s vs OctoPrint ${reference.octoprintTime} s, slicer ${reference.slicerTime} s`);
    });

    it('reproduces OctoPrint\'s own estimate with its time model', () => {
      close(analyseFixture(reference.file, { timeModel: 'feedrate' }).estimatedPrintTime, reference.octoprintTime, 'time');
    });

    it('reports the slicer\'s embedded estimate and filament', () => {
      assert.equal(result.slicerEstimatedPrintTime, reference.slicerTime);
      assert.equal(result.slicerFilament?.tool0?.length, reference.slicerLength);
    });
  });
}
