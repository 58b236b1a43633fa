// Table tests of M114 position report parsing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePosition } from './position-report.js';
import type { PositionReport } from './position-report.js';

describe('parsePosition', () => {
  const cases: [string, PositionReport | null][] = [
    ['X:0.00 Y:0.00 Z:0.00 E:0.00 Count X:0 Y:0 Z:0', { x: 0, y: 0, z: 0, e: 0, extruders: [] }],
    ['X:10.50 Y:-3.25 Z:0.20 E:12.34 Count X:840 Y:-260 Z:80', { x: 10.5, y: -3.25, z: 0.2, e: 12.34, extruders: [] }],
    ['X:1 Y:2 Z:3 E0:4 E1:5', { x: 1, y: 2, z: 3, e: null, extruders: [4, 5] }],
    ['ok X:1.0 Y:2.0 Z:3.0 E:4.0', { x: 1, y: 2, z: 3, e: 4, extruders: [] }],
    ['X: 5.0 Y: 6.0 Z: 7.0 E: 8.0', { x: 5, y: 6, z: 7, e: 8, extruders: [] }],
    ['T:210.0 /210.0', null],
    ['X:1 Y:2', null],
    ['Count X:0 Y:0 Z:0', null],
  ];
  for (const [line, expected] of cases) it(JSON.stringify(line), () => assert.deepEqual(parsePosition(line), expected));
});
