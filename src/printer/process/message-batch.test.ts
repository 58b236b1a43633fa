// Unit tests of batchedPoster: one send per synchronous run, in order, nothing for an empty run, and what a backed-up channel sheds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FromDriver, HostedSnapshot } from './driver-contract.js';
import { offlineSnapshot } from './driver-client.js';
import { batchedPoster } from './message-batch.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A sink that records batches; `full` decides send()'s answer, `drain()` reports every batch written. */
function recordingSink() {
  const sent: FromDriver[][] = [];
  const waiting: Array<() => void> = [];
  const sink = {
    full: false,
    send: (messages: FromDriver[], written: () => void) => {
      sent.push(messages);
      waiting.push(written);
      return !sink.full;
    },
  };
  const drain = (): void => {
    for (const written of waiting.splice(0)) written();
  };
  return { sink, sent, drain };
}

const state = (printPosition: number): FromDriver => ({ type: 'state', snapshot: { ...offlineSnapshot(), printPosition } satisfies HostedSnapshot });
const lines = (...texts: string[]): FromDriver => ({ type: 'lines', directions: 's'.repeat(texts.length), texts });
const event = (name: string): FromDriver => ({ type: 'event', event: { kind: 'bus', name, payload: {} } });
const reply = (id: number): FromDriver => ({ type: 'reply', id, value: null });
/** A batch in short words: s<position>, l<count>, e<name>, r<id>, or the skipped line's text. */
const words = (batch: FromDriver[]): string[] =>
  batch.map((message) => {
    if (message.type === 'state') return `s${message.snapshot.printPosition}`;
    if (message.type === 'lines') return message.texts[0]?.startsWith('[') ? (message.texts[0] ?? '') : `l${message.texts.length}`;
    if (message.type === 'event') return `e${message.event.kind === 'bus' ? message.event.name : ''}`;
    if (message.type === 'reply') return `r${message.id}`;
    return 't';
  });

describe('batchedPoster', () => {
  it('sends what one synchronous run posts as one batch, in order', async () => {
    const { sink, sent } = recordingSink();
    const post = batchedPoster(sink);
    post(state(1));
    post(event('PrinterStateChanged'));
    post(reply(1));
    assert.deepEqual(sent, [], 'nothing goes out during the run');
    await Promise.resolve();
    assert.deepEqual(sent.map(words), [['s1', 'ePrinterStateChanged', 'r1']]);
  });

  it('starts a new batch in the next turn, and sends no empty batch', async () => {
    const { sink, sent } = recordingSink();
    const post = batchedPoster(sink);
    post(reply(1));
    await turn();
    post(reply(2));
    post(reply(3));
    await turn();
    await turn();
    assert.deepEqual(sent.map(words), [['r1'], ['r2', 'r3']]);
  });

  it('while send() says the channel is full: drops terminal lines, keeps only the newest state, never drops events or replies; once drained it says how many lines were skipped', async () => {
    const { sink, sent, drain } = recordingSink();
    const post = batchedPoster(sink);
    sink.full = true;
    post(lines('a'));
    await turn();
    assert.deepEqual(sent.map(words), [['l1']], 'the batch that filled the channel went out');
    sink.full = false;
    post(lines('b', 'c'));
    post(state(2));
    post(lines('d'));
    post(state(3));
    await turn();
    assert.equal(sent.length, 1, 'lines dropped and the state held while backed up');
    post(state(4));
    post(event('Paused'));
    post(lines('e'));
    post(reply(7));
    await turn();
    assert.deepEqual(words(sent[1] ?? []), ['s4', 'ePaused', 'r7'], 'an event takes the newest state with it; a reply is never dropped');
    post(state(5));
    await turn();
    assert.equal(sent.length, 2);
    drain();
    await turn();
    assert.deepEqual(words(sent[2] ?? []), ['s5', '[4 lines skipped]'], 'once drained: the held state, then how many lines were skipped');
    post(lines('f'));
    await turn();
    assert.deepEqual(words(sent[3] ?? []), ['l1'], 'lines flow again');
  });

  it('counts the channel as backed up while too many batches are in flight, whatever send() says', async () => {
    const { sink, sent, drain } = recordingSink();
    const post = batchedPoster(sink, 2);
    post(lines('a'));
    await turn();
    post(lines('b'));
    await turn();
    post(lines('c'));
    post(reply(1));
    await turn();
    assert.deepEqual(sent.map(words), [['l1'], ['l1'], ['r1']]);
    drain();
    await turn();
    assert.deepEqual(sent.map(words).slice(3), [['[1 line skipped]']]);
  });
});
