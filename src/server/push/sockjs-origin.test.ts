// Tests of the push socket's origin rule (WS-05) and the CORS headers of the SockJS HTTP transports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corsHeaders, originAllowed } from './sockjs-origin.js';

describe('originAllowed', () => {
  it('lets requests without an Origin header through', () => {
    assert.ok(originAllowed(undefined, ['printer.local:5000'], false));
  });

  it('allows the same origin, with or without the default port', () => {
    assert.ok(originAllowed('http://printer.local:5000', ['printer.local:5000'], false));
    assert.ok(originAllowed('http://Printer.Local', ['printer.local:80'], false));
    assert.ok(originAllowed('https://octo.example', ['octo.example:443'], false));
    assert.ok(originAllowed('https://octo.example', ['10.0.0.2:5000', 'octo.example'], false));
  });

  it('refuses other origins, the null origin and garbage while CORS is off', () => {
    assert.ok(!originAllowed('https://evil.example', ['printer.local:5000'], false));
    assert.ok(!originAllowed('http://printer.local:5001', ['printer.local:5000'], false));
    assert.ok(!originAllowed('null', ['printer.local:5000'], false));
    assert.ok(!originAllowed('file://', ['printer.local:5000'], false));
    assert.ok(!originAllowed('not a url', ['printer.local:5000'], false));
    assert.ok(!originAllowed('http://printer.local:5000', [undefined, ''], false));
  });

  it('allows any origin when CORS is on', () => {
    assert.ok(originAllowed('https://evil.example', ['printer.local:5000'], true));
  });
});

describe('corsHeaders', () => {
  it('adds nothing while CORS is off, whatever the origin', () => {
    assert.deepEqual(corsHeaders('https://ui.example', false), {});
    assert.deepEqual(corsHeaders(undefined, false), {});
  });

  it('echoes the origin without credentials when CORS is on, and never the null origin', () => {
    assert.deepEqual(corsHeaders('https://ui.example', true), { 'Access-Control-Allow-Origin': 'https://ui.example', Vary: 'Origin' });
    assert.deepEqual(corsHeaders('null', true), { Vary: 'Origin' });
    assert.deepEqual(corsHeaders(undefined, true), { Vary: 'Origin' });
  });
});
