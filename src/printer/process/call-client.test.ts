// Unit tests of CallClient: replies settle calls, a call without a reply in time fails as unavailable (connect may wait), a late reply is ignored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isArgonautError } from '../../shared/index.js';
import { CallClient } from './call-client.js';

interface Calls {
  echo(text: string): string;
  connect(): boolean;
}

function client(timeoutMs: number) {
  const sent: Array<{ id: number; method: string }> = [];
  const waiting: boolean[] = [];
  const calls = new CallClient<Calls>({
    send: (call) => sent.push(call),
    onWaiting: (value) => waiting.push(value),
    timeoutMs: (method) => (method === 'connect' ? null : timeoutMs),
  });
  return { calls, sent, waiting };
}

describe('CallClient', () => {
  it('settles a call with its reply', async () => {
    const { calls, sent, waiting } = client(1000);
    const answer = calls.call('echo', 'hello');
    calls.settle(sent[0]?.id ?? 0, 'hello', undefined);
    assert.equal(await answer, 'hello');
    assert.deepEqual(waiting, [true, false]);
  });

  it('fails a call that gets no reply in time as unavailable (503), and ignores the reply that comes later', async () => {
    const { calls, sent, waiting } = client(50);
    const started = Date.now();
    await assert.rejects(calls.call('echo', 'anyone?'), (error: unknown) => isArgonautError(error) && error.code === 'unavailable' && /did not answer \(echo\)/.test(error.message));
    assert.ok(Date.now() - started >= 40, 'not before its time');
    assert.deepEqual(waiting, [true, false], 'no longer waiting');
    calls.settle(sent[0]?.id ?? 0, 'late', undefined);
  });

  it('lets a call without a timeout (connect) wait for its reply', async () => {
    const { calls, sent } = client(20);
    const answer = calls.call('connect');
    await new Promise((resolve) => setTimeout(resolve, 80));
    calls.settle(sent[0]?.id ?? 0, true, undefined);
    assert.equal(await answer, true);
  });

  it('fails a call at once when send() throws, with that error', async () => {
    const calls = new CallClient<Calls>({
      send: () => {
        throw new Error('nobody there');
      },
      timeoutMs: () => 10_000,
    });
    await assert.rejects(calls.call('echo', 'x'), /nobody there/);
  });
});
