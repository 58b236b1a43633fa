// Tests of the byte-level command parser: numbers exactly as parseFloat reads them, and every line shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GcodeCommand, param, parseCommand, readNumber } from './gcode-command-parser.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function parse(text: string): GcodeCommand | undefined {
  const command = new GcodeCommand();
  const data = bytes(text);
  return parseCommand(data, 0, data.length, command) ? command : undefined;
}

describe('readNumber', () => {
  it('reads numbers exactly as parseFloat does', () => {
    const samples = ['0', '12', '-3', '+4.5', '.35', '-.2', '153.787', '34268.67521', '0.000001', '1.', '123456789.012345'];
    for (let i = 0; i < 2000; i++) samples.push((Math.random() * 1000 - 500).toFixed(i % 7));
    const cursor = { end: 0 };
    for (const text of samples) {
      const data = bytes(`${text} `);
      assert.equal(readNumber(data, 0, data.length, cursor), parseFloat(text), text);
      assert.equal(cursor.end, text.length);
    }
  });

  it('falls back to parseFloat beyond fifteen digits', () => {
    const text = '3.14159265358979323846';
    const data = bytes(text);
    assert.equal(readNumber(data, 0, data.length, { end: 0 }), parseFloat(text));
  });

  it('returns NaN without digits', () => {
    const data = bytes('-X');
    assert.equal(readNumber(data, 0, data.length, { end: 0 }), Number.NaN);
  });
});

describe('parseCommand', () => {
  it('reads a move with its parameters', () => {
    const command = parse('G1 X10.5 Y-2 E.25 F1800');
    assert.ok(command, 'a command');
    assert.equal(String.fromCharCode(command.letter), 'G');
    assert.equal(command.code, 1);
    assert.equal(command.get(param('X')), 10.5);
    assert.equal(command.get(param('Y')), -2);
    assert.equal(command.get(param('E')), 0.25);
    assert.equal(command.get(param('F')), 1800);
    assert.equal(command.get(param('Z')), undefined);
  });

  it('accepts parameters without spaces, lower case and leading whitespace', () => {
    const command = parse('  \tg1x1y2z3');
    assert.ok(command, 'a command');
    assert.equal(command.code, 1);
    assert.deepEqual([command.get(param('X')), command.get(param('Y')), command.get(param('Z'))], [1, 2, 3]);
  });

  it('skips line numbers and stops at checksums and comments', () => {
    const command = parse('N123 G1 X5 (a comment with Y9) E1 ; Z7 *12');
    assert.ok(command, 'a command');
    assert.equal(command.get(param('X')), 5);
    assert.equal(command.get(param('E')), 1);
    assert.equal(command.has(param('Y')), false);
    assert.equal(command.has(param('Z')), false);
    const withChecksum = parse('N7 G92 E0*67');
    assert.equal(withChecksum?.code, 92);
    assert.equal(withChecksum?.get(param('E')), 0);
  });

  it('reports a parameter without a number as present with no value', () => {
    const command = parse('G28 X Y');
    assert.ok(command, 'a command');
    assert.equal(command.has(param('X')), true);
    assert.equal(command.get(param('X')), undefined);
    assert.equal(command.value(param('X')), Number.NaN);
    assert.equal(command.has(param('Z')), false);
  });

  it('reads tool changes, M codes and subcodes', () => {
    assert.equal(parse('T3')?.code, 3);
    assert.equal(String.fromCharCode(parse('T3')?.letter ?? 0), 'T');
    const m = parse('M204 P1500 T3000');
    assert.equal(m?.code, 204);
    assert.equal(m?.get(param('T')), 3000);
    const sub = parse('G92.1');
    assert.equal(sub?.code, 92);
    assert.equal(sub?.subcode, 1);
  });

  it('stops at the newline when parsing inside a block of lines, and says where', () => {
    const command = new GcodeCommand();
    for (const [text, stop] of [['G1 X1\nY2 Z3\n', 5], ['G1 X1 (open\nY2\n', 11], ['G1 X1\r\nZ3\n', 6], ['G1 X1 ;c\nZ3\n', 6]] as const) {
      const data = bytes(text);
      assert.equal(parseCommand(data, 0, data.length, command), true, text);
      assert.equal(command.get(param('X')), 1, text);
      assert.equal(command.has(param('Y')) || command.has(param('Z')), false, text);
      assert.equal(command.end, stop, text);
    }
    const empty = bytes('\nG1 X1\n');
    assert.equal(parseCommand(empty, 0, empty.length, command), false);
    assert.equal(command.end, 0);
  });

  it('rejects lines without a command', () => {
    for (const line of ['', '   ', '; comment', '(comment)', 'X10', 'G', 'M', 'Hello', 'N10']) {
      assert.equal(parse(line), undefined, line);
    }
  });
});
