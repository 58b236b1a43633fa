// Unit tests of batchedPoster: one send per synchronous run, in order, and nothing sent for a run that posted nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchedPoster } from './message-batch.js';

describe('batchedPoster', () => {
  it('sends what one synchronous run posts as one batch, in order', async () => {
    const sent: string[][] = [];
    const post = batchedPoster<string>((messages) => sent.push(messages));
    post('state PAUSED');
    post('event PrinterStateChanged');
    post('print pause');
    assert.deepEqual(sent, [], 'nothing goes out during the run');
    await Promise.resolve();
    assert.deepEqual(sent, [['state PAUSED', 'event PrinterStateChanged', 'print pause']]);
  });

  it('starts a new batch in the next turn, and sends no empty batch', async () => {
    const sent: number[][] = [];
    const post = batchedPoster<number>((messages) => sent.push(messages));
    post(1);
    await new Promise((resolve) => setImmediate(resolve));
    post(2);
    post(3);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, [[1], [2, 3]]);
  });
});
