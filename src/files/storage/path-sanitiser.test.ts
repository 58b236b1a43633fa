// Table tests of name sanitising and of the two kinds of storage paths (user-supplied and API-addressed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSanitizedName, parseStoragePath, sanitizeName, sanitizeUserPath } from './path-sanitiser.js';
import { contentTypeOf, isMachineCode, typePathOf } from './file-types.js';

describe('sanitizeName', () => {
  const cases: Array<[string, string]> = [
    ['Grüße_测试.gcode', 'Grüße_测试.gcode'],
    ['Gru\u0308ße.gcode', 'Grüße.gcode'], // NFD → NFC
    ['.hidden.gcode', 'hidden.gcode'],
    ['...x.gcode', 'x.gcode'],
    ['a;b|c&d?e$f*g<h>i.gcode', 'abcdefghi.gcode'],
    ['na\u0001me\u007f.gcode', 'name.gcode'],
    ['evil.gcode\u0000.txt', 'evil.gcode.txt'],
    ['trailing. ', 'trailing'],
    ['  spaced name.gcode ', 'spaced name.gcode'],
    ['CON.gcode', 'CON_.gcode'],
    ['nul.gcode', 'nul_.gcode'],
    ['aux', 'aux_'],
    ['%2e%2e%2fevil.gcode', '%2e%2e%2fevil.gcode'],
    ['right\u202eedoc.gcode', 'rightedoc.gcode'],
    ['part (1) [v2].gcode', 'part (1) [v2].gcode'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(sanitizeName(input), expected);
      assert.ok(isSanitizedName(expected));
    });
  }

  it('refuses separators, empty names and dot names', () => {
    for (const bad of ['a/b.gcode', 'a\\b.gcode', '', '.', '..', '...', ' ', '\u0000', '<>|']) {
      assert.throws(() => sanitizeName(bad), { code: 'invalid' }, JSON.stringify(bad));
    }
  });

  it('truncates long names to 255 UTF-8 bytes, keeping the extension', () => {
    const long = `${'ü'.repeat(200)}.gcode`;
    const result = sanitizeName(long);
    assert.ok(Buffer.byteLength(result) <= 255);
    assert.ok(result.endsWith('.gcode'));
    assert.ok(Buffer.byteLength(sanitizeName('x'.repeat(4096))) <= 255);
  });
});

describe('sanitizeUserPath', () => {
  it('makes segments below the root', () => {
    assert.deepEqual(sanitizeUserPath(''), []);
    assert.deepEqual(sanitizeUserPath('/'), []);
    assert.deepEqual(sanitizeUserPath('a/b/'), ['a', 'b']);
    assert.deepEqual(sanitizeUserPath('/top.gcode'), ['top.gcode']);
    assert.deepEqual(sanitizeUserPath('./x//y'), ['x', 'y']);
    assert.deepEqual(sanitizeUserPath('.cfg/a:b'), ['cfg', 'ab']);
  });

  it('refuses relative segments', () => {
    for (const bad of ['..', '../x', 'a/../../b', 'sub/../..', './..', 'a/./b', '....//..']) {
      assert.throws(() => sanitizeUserPath(bad), { code: 'invalid' }, bad);
    }
  });
});

describe('parseStoragePath', () => {
  it('accepts only paths already in sanitised form', () => {
    assert.deepEqual(parseStoragePath('a/b.gcode'), ['a', 'b.gcode']);
    assert.deepEqual(parseStoragePath('Grüße_测试.gcode'), ['Grüße_测试.gcode']);
    for (const bad of ['', '/a', 'a/', 'a//b', '../config.yaml', '.metadata.json', 'a/../b', 'x:y.gcode', '..', '%2e%2e/x']) {
      if (bad === '%2e%2e/x') {
        assert.deepEqual(parseStoragePath(bad), ['%2e%2e', 'x']);
        continue;
      }
      assert.equal(parseStoragePath(bad), null, bad);
    }
  });
});

describe('file types', () => {
  it('knows machine code and model types', () => {
    assert.deepEqual(typePathOf('x.GCODE'), ['machinecode', 'gcode']);
    assert.deepEqual(typePathOf('x.gco'), ['machinecode', 'gcode']);
    assert.deepEqual(typePathOf('x.g'), ['machinecode', 'gcode']);
    assert.deepEqual(typePathOf('x.stl'), ['model', 'stl']);
    assert.deepEqual(typePathOf('x.3mf'), ['model', '3mf']);
    for (const bad of ['x.html', 'x.svg', 'x.gcode.html', 'x.js', 'gcode', '.gcode', 'x.']) assert.equal(typePathOf(bad), null, bad);
    assert.ok(isMachineCode('a.gco'));
    assert.ok(!isMachineCode('a.stl'));
    assert.match(contentTypeOf('a.gcode'), /^text\/plain/);
    assert.equal(contentTypeOf('a.stl'), 'application/octet-stream');
  });
});
