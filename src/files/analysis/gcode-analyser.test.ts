// Tests of the analyser, one G-code family at a time, with expectations worked out by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GcodeAnalysis } from '../../shared/index.js';
import { GcodeAnalyser } from './index.js';
import type { GcodeAnalyserOptions } from './index.js';

/** Analyses G-code text with OctoPrint's time model unless told otherwise. */
function analyse(text: string, options: GcodeAnalyserOptions = {}): GcodeAnalysis {
  const analyser = new GcodeAnalyser({ timeModel: 'feedrate', ...options });
  analyser.feed(text);
  return analyser.finish();
}

const lines = (...list: string[]): string => `${list.join('\n')}\n`;

function near(actual: number | undefined, expected: number, tolerance = 1e-9): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);
}

/** cm³ of filament of 1.75 mm. */
const volume = (length: number, diameter = 1.75): number => (length * Math.PI * (diameter / 2) ** 2) / 1000;

describe('GcodeAnalyser: G0/G1 in absolute mode (G90, M82)', () => {
  const result = analyse(lines('G90', 'M82', 'G1 X10 Y0 F600', 'G1 X20 Y0 E5', 'G1 X20 Y10 E10'));

  it('counts the filament, and no volume while the file states no diameter (as OctoPrint)', () => {
    near(result.filament.tool0?.length, 10);
    near(result.filament.tool0?.volume, 0);
  });

  it('bounds the extruding moves in printingArea and all moves in travelArea', () => {
    assert.deepEqual(result.printingArea, { minX: 10, maxX: 20, minY: 0, maxY: 10, minZ: 0, maxZ: 0 });
    assert.deepEqual(result.dimensions, { width: 10, depth: 10, height: 0 });
    assert.deepEqual(result.travelArea, { minX: 0, maxX: 20, minY: 0, maxY: 10, minZ: 0, maxZ: 0 });
    assert.deepEqual(result.travelDimensions, { width: 20, depth: 10, height: 0 });
  });

  it('times each move as distance over feedrate', () => {
    near(result.estimatedPrintTime, 3); // three 10 mm moves at 10 mm/s
  });

  it('starts at 6000 mm/min before the file sets a feedrate', () => {
    near(analyse(lines('G1 X100 E1')).estimatedPrintTime, 1);
    near(analyse(lines('G1 X100 E1'), { initialFeedrate: 3000 }).estimatedPrintTime, 2);
  });
});

describe('GcodeAnalyser: relative positioning (G91)', () => {
  it('adds up moves, and makes E relative too', () => {
    const result = analyse(lines('G91', 'G1 X10 E1 F600', 'G1 Y10 E1', 'G1 X-5 Z0.2 E1'));
    near(result.filament.tool0?.length, 3);
    assert.deepEqual(result.printingArea, { minX: 0, maxX: 10, minY: 0, maxY: 10, minZ: 0, maxZ: 0.2 });
    near(result.estimatedPrintTime, 2 + Math.sqrt(25 + 0.04) / 10);
  });

  it('G90 switches the extruder back only with g90InfluencesExtruder', () => {
    const text = lines('M83', 'G90', 'G1 X10 E2 F600', 'G1 X20 E3');
    near(analyse(text).filament.tool0?.length, 5);
    near(analyse(text, { g90InfluencesExtruder: true }).filament.tool0?.length, 3);
  });
});

describe('GcodeAnalyser: extrusion modes, resets and retractions (M82, M83, G92)', () => {
  it('counts relative extrusion net of retractions', () => {
    const result = analyse(lines('M83', 'G1 X10 E2 F600', 'G1 E-1', 'G1 E1', 'G1 X20 E2'));
    near(result.filament.tool0?.length, 4);
    near(result.estimatedPrintTime, 1 + 0.1 + 0.1 + 1);
  });

  it('counts absolute extrusion across G92 E0 resets and retractions', () => {
    // Net extrusion: 2, 5, 3 (retract), 5, 6.
    const result = analyse(lines('M82', 'G1 X10 E2 F600', 'G92 E0', 'G1 X20 E3', 'G1 E1', 'G1 E3', 'G1 X30 E4'));
    near(result.filament.tool0?.length, 6);
  });

  it('G92 sets positions; without parameters it zeroes all axes', () => {
    const result = analyse(lines('G1 X50 Y50 F600', 'G92 X0 Y0', 'G1 X10 E1', 'G92', 'G1 Y5 E1'));
    assert.deepEqual(result.printingArea, { minX: 0, maxX: 10, minY: 0, maxY: 5, minZ: 0, maxZ: 0 });
    near(result.filament.tool0?.length, 2);
  });

  it('does not count a retraction-only file as a print', () => {
    const result = analyse(lines('G1 X10 F600', 'G1 E-2', 'G1 E0'));
    assert.equal(result._empty, true);
  });
});

describe('GcodeAnalyser: units (G20, G21)', () => {
  it('reads inches after G20, for positions, extrusion and feedrate', () => {
    const result = analyse(lines('G20', 'G1 X1 Y1 E0.1 F60', 'G21', 'G1 X30 E3'));
    near(result.filament.tool0?.length, 3);
    assert.deepEqual(result.printingArea, { minX: 0, maxX: 30, minY: 0, maxY: 25.4, minZ: 0, maxZ: 0 });
    // 60 in/min = 25.4 mm/s; then 4.6 mm at the same speed.
    near(result.estimatedPrintTime, Math.SQRT2 + 4.6 / 25.4);
  });
});

describe('GcodeAnalyser: arcs (G2, G3)', () => {
  it('bounds a counter-clockwise half circle through its top', () => {
    const result = analyse(lines('G1 X10 Y0 F600', 'G3 X-10 Y0 I-10 J0 E1'));
    assert.deepEqual(result.printingArea, { minX: -10, maxX: 10, minY: 0, maxY: 10, minZ: 0, maxZ: 0 });
    near(result.estimatedPrintTime, 1 + Math.PI, 0.01); // 10π mm at 10 mm/s, drawn as 1 mm chords
  });

  it('bounds a clockwise half circle through its right side', () => {
    const result = analyse(lines('G1 X0 Y10 F600', 'G2 X0 Y-10 I0 J-10 E1'));
    assert.deepEqual(result.printingArea, { minX: 0, maxX: 10, minY: -10, maxY: 10, minZ: 0, maxZ: 0 });
  });

  it('draws a full circle when the arc ends where it starts', () => {
    const result = analyse(lines('G1 X0 Y10 F600', 'G2 X0 Y10 I0 J-10 E1'));
    assert.deepEqual(result.printingArea, { minX: -10, maxX: 10, minY: -10, maxY: 10, minZ: 0, maxZ: 0 });
    near(result.estimatedPrintTime, 1 + 2 * Math.PI, 0.02);
  });

  it('finds the centre from R', () => {
    // Clockwise from (0,0) to (10,0) with R5: centre (5,0), over the top.
    const result = analyse(lines('G1 X0 Y0 F600', 'G2 X10 Y0 R5 E1'));
    near(result.printingArea.maxY, 5);
    near(result.printingArea.minY, 0);
  });
});

describe('GcodeAnalyser: dwell (G4) and homing (G28)', () => {
  it('adds G4 S seconds or P milliseconds', () => {
    near(analyse(lines('G1 X10 E1 F600', 'G4 S2', 'G4 P500')).estimatedPrintTime, 3.5);
  });

  it('G28 moves every axis to 0, or only the named ones', () => {
    const all = analyse(lines('G1 X50 Y50 Z10 F600', 'G28', 'G1 X5 E1'));
    assert.deepEqual(all.printingArea, { minX: 0, maxX: 5, minY: 0, maxY: 0, minZ: 0, maxZ: 0 });
    assert.deepEqual(all.travelArea, { minX: 0, maxX: 50, minY: 0, maxY: 50, minZ: 0, maxZ: 10 });
    const x = analyse(lines('G1 X50 Y50 F600', 'G28 X', 'G1 Y60 E1'));
    assert.deepEqual(x.printingArea, { minX: 0, maxX: 0, minY: 50, maxY: 60, minZ: 0, maxZ: 0 });
  });
});

describe('GcodeAnalyser: tools (T<n>, M605)', () => {
  it('counts filament per tool', () => {
    const result = analyse(lines('; filament_diameter = 1.75', 'T0', 'G1 X10 E5 F600', 'T1', 'G92 E0', 'G1 X20 E3', 'T0', 'G1 X30 E6'));
    near(result.filament.tool0?.length, 6);
    near(result.filament.tool1?.length, 3);
    near(result.filament.tool1?.volume, volume(3));
  });

  it('lists every tool up to the highest one used', () => {
    const result = analyse(lines('T2', 'G1 X10 E5 F600'));
    assert.deepEqual(Object.keys(result.filament), ['tool0', 'tool1', 'tool2']);
    near(result.filament.tool1?.length, 0);
  });

  it('applies tool offsets and ignores tools above maxExtruders', () => {
    const offsets = analyse(lines('G1 X10 F600', 'T1', 'G1 X20 E1'), { extruderOffsets: [[0, 0], [5, 3]] });
    assert.deepEqual(offsets.printingArea, { minX: 15, maxX: 20, minY: 3, maxY: 3, minZ: 0, maxZ: 0 });
    const ignored = analyse(lines('T11', 'G1 X10 E1 F600'), { maxExtruders: 10 });
    assert.deepEqual(Object.keys(ignored.filament), ['tool0']);
  });

  it('duplicates tool 0 extrusion on the other tools in M605 duplication mode', () => {
    const result = analyse(lines('T1', 'T0', 'M605 S2', 'G1 X10 E5 F600'));
    near(result.filament.tool0?.length, 5);
    near(result.filament.tool1?.length, 5);
  });
});

describe('GcodeAnalyser: firmware retraction (G10, G11, M207, M208)', () => {
  it('times retractions as set by M207/M208', () => {
    // 3 mm at 30 mm/s, then 3 + 1 mm at 10 mm/s.
    const result = analyse(lines('M207 S3 F1800', 'M208 S1 F600', 'G1 X10 E1 F600', 'G10', 'G11'));
    near(result.estimatedPrintTime, 1 + 0.1 + 0.4);
  });

  it('takes no time before M207, and ignores RepRapFirmware tool settings (G10 P)', () => {
    near(analyse(lines('G1 X10 E1 F600', 'G10', 'G11')).estimatedPrintTime, 1);
    near(analyse(lines('M207 S3 F1800', 'G1 X10 E1 F600', 'G10 P0 S200')).estimatedPrintTime, 1);
  });
});

describe('GcodeAnalyser: feed rate and machine limits (M220, M201, M203, M204, M205)', () => {
  it('M220 scales the feedrate', () => {
    near(analyse(lines('M220 S50', 'G1 X10 E1 F600')).estimatedPrintTime, 2);
  });

  it('the planner honours M201/M203/M204/M205', () => {
    const move = 'G1 X100 E1 F12000'; // 200 mm/s asked
    // Defaults: 200 mm/s reachable, 1500 mm/s², jerk 10: 10 → 200 → 10 mm/s.
    const defaults = analyse(lines(move), { timeModel: 'planner' });
    near(defaults.estimatedPrintTime, (2 * 190) / 1500 + (100 - (2 * (40_000 - 100)) / 3000) / 200);
    // Limits: 100 mm/s, 500 mm/s², jerk 5: 5 → 100 → 5 mm/s.
    const limited = analyse(lines('M201 X1000 Y1000', 'M203 X100 Y100', 'M204 P500 T500', 'M205 X5 Y5', move), { timeModel: 'planner' });
    near(limited.estimatedPrintTime, 0.38 + 0.8005);
    const oldStyle = analyse(lines('M203 X100 Y100', 'M204 S500', 'M205 X5 Y5', move), { timeModel: 'planner' });
    near(oldStyle.estimatedPrintTime, 0.38 + 0.8005);
  });
});

describe('GcodeAnalyser: comments, blank lines, line endings and chunks', () => {
  const text = lines(
    '; generated by hand',
    '',
    'G1 X10 (move) Y5 E1 F600 ; comment with X99',
    '   (a whole line comment G1 X500)',
    '; G1 X100 E100',
    'N12 G1 X12 ;Y100*33',
    '   ',
    'G1 X12 Y0 E2',
  );

  it('ignores comments and blank lines', () => {
    const result = analyse(text);
    assert.deepEqual(result.printingArea, { minX: 0, maxX: 12, minY: 0, maxY: 5, minZ: 0, maxZ: 0 });
    assert.deepEqual(result.travelArea, { minX: 0, maxX: 12, minY: 0, maxY: 5, minZ: 0, maxZ: 0 });
    near(result.filament.tool0?.length, 2);
  });

  it('gives the same result for CRLF and any chunking', () => {
    const expected = analyse(text);
    assert.deepEqual(analyse(text.replaceAll('\n', '\r\n')), expected);
    const data = new TextEncoder().encode(text.replaceAll('\n', '\r\n'));
    for (const size of [1, 2, 5, 13, 64]) {
      const analyser = new GcodeAnalyser({ timeModel: 'feedrate' });
      for (let i = 0; i < data.length; i += size) analyser.feed(data.subarray(i, i + size));
      assert.deepEqual(analyser.finish(), expected, `chunks of ${size}`);
      assert.equal(analyser.bytesProcessed, data.length);
    }
  });

  it('survives very long lines', () => {
    const long = lines(`;${'x'.repeat(300_000)}`, `G1 X10 E1 F600 ;${'y'.repeat(200_000)}`, 'G1 X20 E2');
    const result = analyse(long);
    near(result.filament.tool0?.length, 2);
    assert.deepEqual(result.printingArea, { minX: 0, maxX: 20, minY: 0, maxY: 0, minZ: 0, maxZ: 0 });
  });

  it('cuts lines at maxLineLength alike whether a line sits inside a chunk or spans chunks', () => {
    // Cut at 24 bytes: Y50 and the second E fall off; the comment's figure is cut to "1.7".
    const cut = lines(`G1 X10 E1 F600${' '.repeat(10)}Y50 E9`, ';filament_diameter=  1.75', 'G1 X20 E2 ; (unclosed', '(unclosed G1 X99', 'G1 X30 E3');
    const data = new TextEncoder().encode(cut.replaceAll('\n', '\r\n'));
    const options: GcodeAnalyserOptions = { timeModel: 'feedrate', maxLineLength: 24 };
    const whole = new GcodeAnalyser(options);
    whole.feed(data);
    const expected = whole.finish();
    assert.deepEqual(expected.printingArea, { minX: 0, maxX: 30, minY: 0, maxY: 0, minZ: 0, maxZ: 0 });
    near(expected.filament.tool0?.length, 3);
    near(expected.filament.tool0?.volume, (3 * Math.PI * 0.85 * 0.85) / 1000);
    assert.equal(expected.travelArea.maxY, 0);
    for (const size of [1, 3, 7, 20, 33]) {
      const analyser = new GcodeAnalyser(options);
      for (let i = 0; i < data.length; i += size) analyser.feed(data.subarray(i, i + size));
      assert.deepEqual(analyser.finish(), expected, `chunks of ${size}`);
    }
  });

  it('reads the last line without a newline', () => {
    near(analyse('G1 X10 E1 F600\nG1 X20 E3').filament.tool0?.length, 3);
  });
});

describe('GcodeAnalyser: results', () => {
  it('reports OctoPrint\'s empty result for a file without extrusion', () => {
    const zero = { minX: 0, maxX: 0, minY: 0, maxY: 0, minZ: 0, maxZ: 0 };
    assert.deepEqual(analyse(lines('G28', 'G1 X10 Y10 F600')), {
      _empty: true,
      printingArea: zero,
      travelArea: zero,
      dimensions: { width: 0, depth: 0, height: 0 },
      travelDimensions: { width: 0, depth: 0, height: 0 },
      filament: {},
    });
    assert.equal(analyse('').estimatedPrintTime, undefined);
  });

  it('uses the filament diameter the file states, and counts height from bedZ', () => {
    const result = analyse(lines('G1 Z0.3 F600', 'G1 X10 E1', '; filament_diameter = 2.85'), { bedZ: -1 });
    near(result.filament.tool0?.volume, volume(1, 2.85));
    near(result.dimensions.height, 1.3);
  });

  it('adds the slicer\'s own figures when it embedded them', () => {
    const result = analyse(lines(';FLAVOR:Marlin', ';TIME:1234', ';Filament used: 1.5m', 'G1 X10 E1 F600'));
    assert.equal(result.slicerEstimatedPrintTime, 1234);
    assert.deepEqual(result.slicerFilament, { tool0: { length: 1500 } });
    assert.equal(analyse(lines('G1 X10 E1 F600')).slicerEstimatedPrintTime, undefined);
  });

  it('refuses input after finish and returns the same result again', () => {
    const analyser = new GcodeAnalyser();
    analyser.feed('G1 X10 E1 F600\n');
    const result = analyser.finish();
    assert.equal(analyser.finish(), result);
    assert.throws(() => analyser.feed('G1 X20 E2\n'));
  });
});
