// Tests of the baud rate emulation's timing: order, never early, back to back on a busy wire, stop() clears everything.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WireDelay } from './wire-delay.js';

interface Delivery {
  index: number;
  due: number;
  at: number;
}

/** Sends lines of `sizes` bytes back to back; resolves with when each arrived and when it was due. */
function sendAll(wire: WireDelay, baudrate: number, sizes: readonly number[], timeoutMs = 5000): Promise<Delivery[]> {
  return new Promise((resolve, reject) => {
    const deliveries: Delivery[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${deliveries.length} of ${sizes.length} lines arrived`)), timeoutMs);
    let due = performance.now();
    sizes.forEach((bytes, index) => {
      // Due at the latest when the line would end if it started now or when the wire frees, whichever is later.
      due = Math.max(due, performance.now()) + (bytes * 10 * 1000) / baudrate;
      const earliest = due;
      wire.send(bytes, () => {
        deliveries.push({ index, due: earliest, at: performance.now() });
        if (deliveries.length === sizes.length) {
          clearTimeout(timer);
          resolve(deliveries);
        }
      });
    });
  });
}

for (const wakeThread of [true, false]) {
  describe(`WireDelay (${wakeThread ? 'wake thread' : 'timer and polling'})`, () => {
    it('delivers in order, each line no earlier than the wire allows', async () => {
      const baudrate = 115200;
      const wire = new WireDelay(baudrate, { wakeThread });
      try {
        const sizes = [30, 3, 60, 3, 3, 120, 25, 3];
        const deliveries = await sendAll(wire, baudrate, sizes);
        assert.deepEqual(
          deliveries.map((d) => d.index),
          sizes.map((_, i) => i),
        );
        for (const d of deliveries) assert.ok(d.at >= d.due - 0.001, `line ${d.index} arrived ${(d.due - d.at).toFixed(3)} ms early`);
        // Back to back: the last line cannot arrive before every byte has crossed the wire.
        const total = (sizes.reduce((a, b) => a + b, 0) * 10 * 1000) / baudrate;
        const first = deliveries[0] as Delivery;
        const last = deliveries[deliveries.length - 1] as Delivery;
        assert.ok(last.at - (first.due - (sizes[0] ?? 0) * 10 * 1000 / baudrate) >= total - 0.001);
      } finally {
        wire.stop();
        await wire.ended();
      }
    });

    it('delivers answers shorter than a timer tick one after another, none early', async () => {
      const baudrate = 250000;
      const wire = new WireDelay(baudrate, { wakeThread });
      try {
        for (let i = 0; i < 50; i++) {
          const sent = performance.now();
          const at = await new Promise<number>((resolve) => wire.send(3, () => resolve(performance.now())));
          assert.ok(at - sent >= 0.12 - 0.001, `answer ${i} took ${(at - sent).toFixed(3)} ms`);
        }
      } finally {
        wire.stop();
        await wire.ended();
      }
    });

    it('waits on nothing once everything arrived', async () => {
      const wire = new WireDelay(250000, { wakeThread });
      try {
        await sendAll(wire, 250000, [40, 40]);
        assert.equal(wire.inTransit, 0);
        assert.equal(wire.waiting, false);
      } finally {
        wire.stop();
        await wire.ended();
      }
    });

    it('stop() drops the lines in transit, clears its timer and ignores later lines', async () => {
      const wire = new WireDelay(9600, { wakeThread });
      const delivered: number[] = [];
      wire.send(100, () => delivered.push(1)); // about 104 ms
      wire.send(3, () => delivered.push(2));
      assert.equal(wire.inTransit, 2);
      assert.equal(wire.waiting, true);
      wire.stop();
      assert.equal(wire.inTransit, 0);
      assert.equal(wire.waiting, false);
      wire.send(3, () => delivered.push(3));
      assert.equal(wire.waiting, false);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await wire.ended();
      assert.deepEqual(delivered, []);
    });

    it('stop() from inside a delivery ends the wait for the lines behind it', async () => {
      const wire = new WireDelay(115200, { wakeThread });
      const delivered: number[] = [];
      await new Promise<void>((resolve) => {
        wire.send(10, () => {
          delivered.push(1);
          wire.stop();
          resolve();
        });
        wire.send(10, () => delivered.push(2));
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await wire.ended();
      assert.deepEqual(delivered, [1]);
      assert.equal(wire.waiting, false);
    });
  });
}
