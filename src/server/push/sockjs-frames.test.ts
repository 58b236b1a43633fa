// Tests of the SockJS framing: frames out, client frames in, and the unicode escaping SockJS requires.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrayFrame, closeFrame, decodeClientFrame, escapeForSockjs, HEARTBEAT_FRAME, OPEN_FRAME } from './sockjs-frames.js';

describe('SockJS frames out', () => {
  it('has the one-letter open and heartbeat frames', () => {
    assert.equal(OPEN_FRAME, 'o');
    assert.equal(HEARTBEAT_FRAME, 'h');
  });

  it('writes the close frame as c[code,"reason"]', () => {
    assert.equal(closeFrame(3000, 'Go away!'), 'c[3000,"Go away!"]');
    assert.equal(closeFrame(4002, 'quote " and \u2028'), 'c[4002,"quote \\" and \\u2028"]');
  });

  it('puts JSON objects, not strings, inside a[...]', () => {
    const frame = arrayFrame([JSON.stringify({ current: { a: 1 } }), JSON.stringify({ event: { type: 'X' } })]);
    assert.equal(frame, 'a[{"current":{"a":1}},{"event":{"type":"X"}}]');
    const parsed = JSON.parse(frame.slice(1)) as unknown[];
    assert.equal(typeof parsed[0], 'object');
    assert.deepEqual(parsed[1], { event: { type: 'X' } });
  });
});

describe('SockJS escaping', () => {
  it('leaves plain ASCII and ordinary unicode alone', () => {
    const text = JSON.stringify({ name: 'Würfel 20mm – ☃ 日本' });
    assert.equal(escapeForSockjs(text), text);
  });

  it('escapes the characters browsers mangle, as lower-case \\uXXXX', () => {
    const cases: Array<[string, string]> = [
      ['\u00ad', '\\u00ad'],
      ['\u0600', '\\u0600'],
      ['\u070f', '\\u070f'],
      ['\u17b4', '\\u17b4'],
      ['\u200c', '\\u200c'],
      ['\u2028', '\\u2028'],
      ['\u2029', '\\u2029'],
      ['\u2060', '\\u2060'],
      ['\ufeff', '\\ufeff'],
      ['\ufff0', '\\ufff0'],
      ['\uffff', '\\uffff'],
      ['\u007f', '\\u007f'],
      ['\u0085', '\\u0085'],
    ];
    for (const [raw, escaped] of cases) {
      assert.equal(escapeForSockjs(JSON.stringify(`a${raw}b`)), `"a${escaped}b"`, `U+${raw.charCodeAt(0).toString(16)}`);
    }
  });

  it('escapes both halves of a surrogate pair and the value survives a round trip', () => {
    const value = { emoji: 'x😀y', lone: 'a\ud800b' };
    const escaped = escapeForSockjs(JSON.stringify(value));
    assert.match(escaped, /\\ud83d\\ude00/);
    assert.doesNotMatch(escaped, /[\ud800-\udfff]/);
    assert.deepEqual(JSON.parse(escaped), value);
  });

  it('round-trips every BMP code unit', () => {
    let all = '';
    for (let code = 0; code < 0x10000; code += 1) all += String.fromCharCode(code);
    const escaped = escapeForSockjs(JSON.stringify(all));
    assert.equal(JSON.parse(escaped), all);
    assert.doesNotMatch(escaped, /[\u0000-\u001f\u2028\u2029\ufeff\ud800-\udfff]/);
  });
});

describe('SockJS frames in', () => {
  it('reads an array of message strings', () => {
    assert.deepEqual(decodeClientFrame('["{\\"auth\\":\\"a:b\\"}","{\\"throttle\\":2}"]'), ['{"auth":"a:b"}', '{"throttle":2}']);
  });

  it('reads a single JSON string', () => {
    assert.deepEqual(decodeClientFrame('"hello"'), ['hello']);
  });

  it('accepts objects inside the array as their JSON', () => {
    assert.deepEqual(decodeClientFrame('[{"throttle":3}]'), ['{"throttle":3}']);
  });

  it('rejects broken JSON and values that are not strings', () => {
    assert.equal(decodeClientFrame('["abc"'), null);
    assert.equal(decodeClientFrame('42'), null);
    assert.equal(decodeClientFrame('{"a":1}'), null);
    assert.equal(decodeClientFrame('[1,2]'), null);
    assert.equal(decodeClientFrame(''), null);
  });

  it('decodes escaped unicode the client sent', () => {
    assert.deepEqual(decodeClientFrame('["\\u2028\\ud83d\\ude00"]'), ['\u2028😀']);
  });
});
