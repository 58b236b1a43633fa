// The API's lower priority: on Linux only the main thread steps back; a thread started before keeps its priority.
import assert from 'node:assert/strict';
import { getPriority } from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { lowerApiPriority } from './api-priority.js';

/** A thread that reports its own nice value when asked, like the driver's thread started before the API steps back. */
function startThread(): { niceness(): Promise<number>; stop(): Promise<number> } {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    parentPort.on('message', () => parentPort.postMessage(getPriority()));
  `;
  const worker = new Worker(source, { eval: true });
  return {
    niceness: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the thread did not answer')), 5000);
        worker.once('message', (value: number) => {
          clearTimeout(timer);
          resolve(value);
        });
        worker.postMessage('nice?');
      }),
    stop: () => worker.terminate(),
  };
}

describe('lowerApiPriority', () => {
  it('does nothing for 0 steps', () => {
    const before = getPriority(process.pid);
    assert.equal(lowerApiPriority(0), null);
    assert.equal(getPriority(process.pid), before);
  });

  it('lowers the main thread only, and says so in plain words', { skip: process.platform !== 'linux' && 'thread priorities are Linux only' }, async () => {
    const thread = startThread();
    try {
      const threadBefore = await thread.niceness();
      const before = getPriority(process.pid);
      if (before >= 19) return;
      const message = lowerApiPriority(1);
      assert.equal(getPriority(process.pid), before + 1);
      assert.match(message ?? '', new RegExp(`lower priority \\(nice ${before + 1}\\) than the printer driver \\(nice ${before}\\)`));
      assert.equal(await thread.niceness(), threadBefore, 'the thread started before keeps its priority');
    } finally {
      await thread.stop();
    }
  });
});
