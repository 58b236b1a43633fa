// Tests of the wake thread: it wakes the loop once per request, not before the time asked, and ends on stop().
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WakeThread } from './wake-thread.js';
import { until } from '../../../test/support/until.js';

describe('WakeThread', () => {
  it('wakes the loop once per request, never before the time asked', async () => {
    const wakes: number[] = [];
    const thread = new WakeThread(() => wakes.push(performance.now()));
    try {
      await until(() => thread.running, 'thread.running', 5000, 2);
      for (let i = 0; i < 5; i++) {
        const at = performance.now() + 3;
        thread.wakeAt(at);
        await until(() => wakes.length === i + 1, 'wakes.length === i + 1', 2000, 2);
        assert.ok((wakes[i] ?? 0) >= at - 0.001, `woke ${(at - (wakes[i] ?? 0)).toFixed(3)} ms early`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(wakes.length, 5);
    } finally {
      thread.stop();
      await thread.ended();
    }
  });

  it('a later request replaces the pending one', async () => {
    let wakes = 0;
    const thread = new WakeThread(() => wakes++);
    try {
      await until(() => thread.running, 'thread.running', 5000, 2);
      const started = performance.now();
      thread.wakeAt(started + 500);
      thread.wakeAt(started + 5);
      await until(() => wakes === 1, 'wakes === 1', 400, 2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(wakes, 1);
    } finally {
      thread.stop();
      await thread.ended();
    }
  });

  it('stop() ends the thread and no wake-up runs afterwards', async () => {
    let wakes = 0;
    const thread = new WakeThread(() => wakes++);
    await until(() => thread.running, 'thread.running', 5000, 2);
    thread.wakeAt(performance.now() + 5);
    thread.stop();
    assert.equal(thread.running, false);
    await thread.ended();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(wakes, 0);
  });
});
