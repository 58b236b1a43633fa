// Table tests of G-code command helpers: comments, command codes, upper-case rules and parameters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commandArgument, commandCode, hasParameter, isGcodeCommand, normalizeCommand, numericParameter, prepareCommand, stripComment, withoutClientFraming, withoutFileFraming } from './gcode-command.js';

describe('stripComment', () => {
  const cases: [string, string][] = [
    ['G1 X10 ; move', 'G1 X10'],
    ['; only a comment', ''],
    ['  G28  ', 'G28'],
    ['M117 a\\;b ; c', 'M117 a\\;b'],
    ['M117 50\\\\; comment', 'M117 50\\\\'],
    ['G1 X1', 'G1 X1'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(stripComment(input), expected));
});

describe('commandCode', () => {
  const cases: [string, string | null][] = [
    ['G1 X10', 'G1'],
    ['g01 x10', 'G1'],
    ['M110 N0', 'M110'],
    ['T1', 'T1'],
    ['G29.1 X0', 'G29.1'],
    ['G1X10', 'G1'],
    ['  M105', 'M105'],
    ['@pause', null],
    ['HELLO', null],
    ['', null],
    ['G', null],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(commandCode(input), expected));
  it('isGcodeCommand follows commandCode', () => {
    assert.equal(isGcodeCommand('m104 s200'), true);
    assert.equal(isGcodeCommand('STATUS'), false);
  });
});

describe('normalizeCommand', () => {
  const cases: [string, string][] = [
    ['g1 x10 y20', 'G1 X10 Y20'],
    ['m117 Hello World', 'M117 Hello World'],
    ['m118 E1 done', 'M118 E1 done'],
    ['m23 myFile.gco', 'M23 myFile.gco'],
    ['m28 Upload.gco', 'M28 Upload.gco'],
    ['m104 s210', 'M104 S210'],
    ['status', 'status'],
    ['  t0 ', 'T0'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(normalizeCommand(input), expected));
  it('takes a custom exception list', () => {
    assert.equal(normalizeCommand('m117 Hi', []), 'M117 HI');
    assert.equal(normalizeCommand('g1 x1', ['G1']), 'G1 x1');
  });
});

describe('prepareCommand', () => {
  const cases: [string, string | null][] = [
    ['g1 x10 ; comment', 'G1 X10'],
    ['   ; comment', null],
    ['', null],
    ['m117 Layer 1 ; ok', 'M117 Layer 1'],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.equal(prepareCommand(input), expected));
});

describe('numericParameter / hasParameter / commandArgument', () => {
  const cases: [string, string, number | undefined][] = [
    ['M104 S210', 'S', 210],
    ['M104 T1 S200.5', 'S', 200.5],
    ['M104 T1 S200.5', 'T', 1],
    ['G1 X-1.5 Y.5', 'Y', 0.5],
    ['G1 X-1.5 Y.5', 'X', -1.5],
    ['M110 N123', 'N', 123],
    ['M110', 'N', undefined],
    ['G1 XS', 'S', undefined],
    ['m104 s180', 'S', 180],
    ['G4 P500', 'S', undefined],
  ];
  for (const [line, letter, expected] of cases) {
    it(`${line} ${letter}`, () => assert.equal(numericParameter(line, letter), expected));
  }
  it('hasParameter ignores the command code itself', () => {
    assert.equal(hasParameter('G28 X', 'X'), true);
    assert.equal(hasParameter('G28', 'G'), false);
    assert.equal(hasParameter('M110 N5', 'N'), true);
  });
  it('commandArgument returns the text after the code', () => {
    assert.equal(commandArgument('M23 cube.gco'), 'cube.gco');
    assert.equal(commandArgument('M117   Hello  '), 'Hello');
  });
});

describe('withoutClientFraming', () => {
  const cases: Array<[string, string | null]> = [
    ['N5 M110 N0*99', 'M110'],
    ['M110 N-1', 'M110'],
    ['M110 N42', 'M110'],
    ['N99999999999 G28', 'G28'],
    ['N1 N2 G1 X1*7', 'G1 X1'],
    ['n7 m117 hi', 'm117 hi'],
    ['M117 a*b', 'M117 a'],
    ['N9*33', null],
    ['*12', null],
    ['G28', 'G28'],
    ['NOTACOMMAND', 'NOTACOMMAND'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${String(expected)}`, () => assert.equal(withoutClientFraming(input), expected));
});

describe('withoutFileFraming', () => {
  it('keeps ordinary lines as they are and M110 with its number', () => {
    assert.equal(withoutFileFraming('G1 X1'), 'G1 X1');
    assert.equal(withoutFileFraming('N5 M110 N0*99'), 'M110 N0');
    assert.equal(withoutFileFraming('N99 G28*1'), 'G28');
    assert.equal(withoutFileFraming('N3'), null);
  });
});
