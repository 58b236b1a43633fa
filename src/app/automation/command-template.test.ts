import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandLineError } from '../../server/http/index.js';
import { PlaceholderError, fillCommandTemplate, fillGcodeTemplate, parseCommandTemplate } from './command-template.js';

const HOSTILE = 'a;rm -rf ~ $(touch x) `id` "q" \'s\' {name} && echo.gcode';

describe('command templates', () => {
  it('splits first and puts each value into its own argv entry, whole', () => {
    const template = parseCommandTemplate('notify --file={name} "{path}" \'{origin} x\' {__progress}%');
    assert.deepEqual(fillCommandTemplate(template, { name: HOSTILE, path: `dir/${HOSTILE}`, origin: 'local', __progress: '42' }), [
      'notify',
      `--file=${HOSTILE}`,
      `dir/${HOSTILE}`,
      'local x',
      '42%',
    ]);
  });
  it('keeps a value with spaces or quotes as one argument', () => {
    const argv = fillCommandTemplate(parseCommandTemplate('echo {name}'), { name: 'two words "and quotes"' });
    assert.deepEqual(argv, ['echo', 'two words "and quotes"']);
  });
  it('never reads a value as a placeholder itself', () => {
    assert.deepEqual(fillCommandTemplate(parseCommandTemplate('echo {a} {b}'), { a: '{b}', b: 'B' }), ['echo', '{b}', 'B']);
  });
  it('writes literal braces for {{ and }}', () => {
    assert.deepEqual(fillCommandTemplate(parseCommandTemplate('echo {{x}} {a}'), { a: '1' }), ['echo', '{x}', '1']);
  });
  it('refuses command lines that need a shell, and stray braces', () => {
    for (const text of ['echo {name} | mail x', 'a; b', 'echo $(id)', 'echo `id`', 'echo > f', 'echo {not a placeholder}', 'echo }', '']) {
      assert.throws(() => parseCommandTemplate(text), CommandLineError, text);
    }
  });
  it('throws PlaceholderError for a key without a value (OctoPrint skips the command)', () => {
    assert.throws(() => fillCommandTemplate(parseCommandTemplate('echo {nope}'), {}), PlaceholderError);
  });
  it('fills G-code one command per line; a value never adds a line', () => {
    assert.deepEqual(fillGcodeTemplate('M117 {name}\n\nG28', { name: 'x\nM112\r' }), ['M117 x M112', 'G28']);
  });
});
