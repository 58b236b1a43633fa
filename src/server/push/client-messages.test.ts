// Tests of reading client messages: auth, throttle and subscribe, and what gets ignored (WS-02, WS-08).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientMessage } from './client-messages.js';

describe('parseClientMessage', () => {
  it('reads auth as user and session', () => {
    assert.deepEqual(parseClientMessage('{"auth":"alice:s3cr3t"}'), { kind: 'auth', user: 'alice', session: 's3cr3t' });
  });

  it('ignores auth that is not "user:session"', () => {
    for (const text of ['{"auth":"admin"}', '{"auth":"a:b:c"}', '{"auth":123}', '{"auth":null}', '{"auth":":x"}', '{"auth":"x:"}']) {
      assert.equal(parseClientMessage(text).kind, 'ignored', text);
    }
  });

  it('reads throttle as an integer from 1 to 120', () => {
    assert.deepEqual(parseClientMessage('{"throttle":2}'), { kind: 'throttle', factor: 2 });
    assert.deepEqual(parseClientMessage('{"throttle":"3"}'), { kind: 'throttle', factor: 3 });
    for (const text of ['{"throttle":-1}', '{"throttle":0}', '{"throttle":1e9}', '{"throttle":"x"}', '{"throttle":1.5}', '{"throttle":121}']) {
      assert.equal(parseClientMessage(text).kind, 'ignored', text);
    }
  });

  it('reads subscribe', () => {
    const command = parseClientMessage('{"subscribe":{"events":["PrintDone"]}}');
    assert.equal(command.kind, 'subscribe');
    assert.ok(command.kind === 'subscribe' && command.subscription.state === null);
  });

  it('lets auth win when a message carries several commands', () => {
    assert.equal(parseClientMessage('{"throttle":2,"auth":"a:b"}').kind, 'auth');
  });

  it('ignores invalid JSON, arrays, scalars and unknown messages', () => {
    for (const text of ['{', '[1]', '"auth"', 'null', '{"hello":1}']) {
      assert.equal(parseClientMessage(text).kind, 'ignored', text);
    }
  });
});
