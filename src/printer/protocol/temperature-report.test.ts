// Table tests of temperature report parsing and formatting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTemperatures, hasTemperatures, parseTemperatures } from './temperature-report.js';
import type { TemperatureReport } from './temperature-report.js';

describe('parseTemperatures', () => {
  const cases: [string, TemperatureReport | null][] = [
    ['T:210.0 /210.0 B:60.0 /60.0 @:0 B@:0', { heaters: { tool0: { actual: 210, target: 210 }, bed: { actual: 60, target: 60 } } }],
    [
      'T:210.0 /210.0 B:60.0 /60.0 T0:210.0 /210.0 T1:25.3 /0.0 @:0 B@:0 @0:0 @1:0',
      { heaters: { tool0: { actual: 210, target: 210 }, tool1: { actual: 25.3, target: 0 }, bed: { actual: 60, target: 60 } } },
    ],
    ['T:21.5 /0.0 B:21.0 /0.0 C:35.2 /40.0 @:0', { heaters: { tool0: { actual: 21.5, target: 0 }, bed: { actual: 21, target: 0 }, chamber: { actual: 35.2, target: 40 } } }],
    ['T:25.0', { heaters: { tool0: { actual: 25, target: null } } }],
    ['T:25.0/200.0 B:20/0', { heaters: { tool0: { actual: 25, target: 200 }, bed: { actual: 20, target: 0 } } }],
    [' T:150.12 /210.00 B:60.00 /60.00 @:127 B@:0 W:?', { heaters: { tool0: { actual: 150.12, target: 210 }, bed: { actual: 60, target: 60 } }, waitRemaining: null }],
    ['T:209.50 /210.00 W:7', { heaters: { tool0: { actual: 209.5, target: 210 } }, waitRemaining: 7 }],
    ['B:23.4 /0.0 T0:23.6 /0.0', { heaters: { bed: { actual: 23.4, target: 0 }, tool0: { actual: 23.6, target: 0 } } }],
    ['T:-14.0 /0.0', { heaters: { tool0: { actual: -14, target: 0 } } }],
    ['X:0.00 Y:0.00 Z:0.00 E:0.00', null],
    ['echo:busy: processing', null],
  ];
  for (const [line, expected] of cases) it(JSON.stringify(line), () => assert.deepEqual(parseTemperatures(line), expected));
});

describe('hasTemperatures', () => {
  const cases: [string, boolean][] = [
    ['T:210.0 /210.0', true],
    ['ok T:21.0 /0.0', true],
    ['B:60 /60', true],
    ['T0:20.0 /0.0', true],
    ['X:0.00 Y:0.00', false],
    ['echo:SD card ok', false],
    ['B@:0', false],
  ];
  for (const [line, expected] of cases) it(line, () => assert.equal(hasTemperatures(line), expected));
});

describe('formatTemperatures', () => {
  it('formats one tool and a bed like Marlin', () => {
    assert.equal(formatTemperatures([{ actual: 21.3, target: 0 }], { actual: 21, target: 60 }), 'T:21.30 /0.00 B:21.00 /60.00 @:0 B@:0');
  });
  it('lists every tool when there are several, and parses back', () => {
    const text = formatTemperatures([{ actual: 200, target: 210 }, { actual: 30, target: 0 }], { actual: 50, target: 60 }, { actual: 30, target: 35 });
    assert.deepEqual(parseTemperatures(text)?.heaters, {
      tool0: { actual: 200, target: 210 },
      tool1: { actual: 30, target: 0 },
      bed: { actual: 50, target: 60 },
      chamber: { actual: 30, target: 35 },
    });
  });
});

describe('formatTemperatures with an active tool', () => {
  it('puts the active tool after the bare T:', () => {
    const text = formatTemperatures([{ actual: 200, target: 210 }, { actual: 30, target: 0 }], undefined, undefined, 1);
    assert.equal(text, 'T:30.00 /0.00 T0:200.00 /210.00 T1:30.00 /0.00 @:0');
  });
});
