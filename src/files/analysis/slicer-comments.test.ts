// Tests of the slicer comment reader: each slicer's estimate, filament and diameter lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration, readSlicerComment } from './slicer-comments.js';
import type { SlicerInfo } from './slicer-comments.js';

function read(...lines: string[]): SlicerInfo {
  const info: SlicerInfo = {};
  for (const line of lines) {
    const data = new TextEncoder().encode(line);
    readSlicerComment(data, 0, data.length, info);
  }
  return info;
}

describe('parseDuration', () => {
  it('reads the slicers\' duration formats', () => {
    assert.equal(parseDuration('4h 12m 35s'), 4 * 3600 + 12 * 60 + 35);
    assert.equal(parseDuration('1d 2h 3m 4s'), 86_400 + 7200 + 180 + 4);
    assert.equal(parseDuration('6m 54s'), 414);
    assert.equal(parseDuration('1 hours 2 minutes'), 3720);
    assert.equal(parseDuration('1234'), 1234);
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(parseDuration('3 fortnights'), undefined);
  });
});

describe('readSlicerComment', () => {
  it('reads PrusaSlicer, SuperSlicer and OrcaSlicer footers', () => {
    const info = read(
      '; filament used [mm] = 34268.68',
      '; filament used [cm3] = 82.43',
      '; estimated printing time (normal mode) = 4h 12m 35s',
      '; estimated printing time (silent mode) = 4h 30m 0s',
      '; filament_diameter = 1.75,2.85',
    );
    assert.deepEqual(info, {
      filamentLengths: [34268.68],
      filamentVolumes: [82.43],
      estimatedSeconds: 15155,
      filamentDiameters: [1.75, 2.85],
    });
  });

  it('reads the OrcaSlicer header total', () => {
    assert.equal(read('; model printing time: 1h 2m 3s; total estimated time: 1h 5m 3s').estimatedSeconds, 3903);
  });

  it('reads Cura\'s TIME and filament in metres, not TIME_ELAPSED', () => {
    const info = read(';FLAVOR:Marlin', ';TIME:1234', ';Filament used: 1.5m, 0.25m', ';TIME_ELAPSED:99.5');
    assert.equal(info.estimatedSeconds, 1234);
    assert.deepEqual(info.filamentLengths, [1500, 250]);
  });

  it('reads Simplify3D\'s build summary', () => {
    const info = read(';   Build time: 1 hours 2 minutes', ';   Filament length: 4712.3 mm', ';   Plastic volume: 11334.8 mm^3', ';   filamentDiameter,1.75');
    assert.equal(info.estimatedSeconds, 3720);
    assert.deepEqual(info.filamentLengths, [4712.3]);
    assert.ok(Math.abs((info.filamentVolumes?.[0] ?? 0) - 11.3348) < 1e-9, `volume ${info.filamentVolumes?.[0]}`);
    assert.deepEqual(info.filamentDiameters, [1.75]);
  });

  it('keeps the normal-mode estimate over a header total seen later', () => {
    const info = read('; estimated printing time (normal mode) = 10m', '; total estimated time: 12m');
    assert.equal(info.estimatedSeconds, 600);
  });

  it('ignores other comments', () => {
    assert.deepEqual(read(';TYPE:Perimeter', ';LAYER_CHANGE', '; Z:0.2', '; estimated first layer printing time (normal mode) = 1m'), {});
  });
});
